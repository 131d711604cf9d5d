"""Client search: Chinese substrings, pinyin, initials, short queries, codes via the blind index,
ranking, an index that follows renames and tombstones, and role visibility."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import insert, text

from kamdesk.common.ids import new_id
from kamdesk.models import Client, Contact
from kamdesk.services import search
from kamdesk.services.book import Book
from kamdesk.services.search import pinyin_keys
from tests.services.conftest import USERS, add_client

CC_PETRO = "91110000710925462X"  # valid unified social credit codes (GB 32100 check character)
ID_ZHANG = "11010519491231002X"  # valid resident ID (GB 11643 check digit)


def _names(hits: list[Any]) -> list[str]:
    return [h.name for h in hits]


@pytest.fixture
def corpus(seeded: Callable[..., Book]) -> Callable[[str], tuple[Book, dict[str, str]]]:
    def build(role: str = "rm") -> tuple[Book, dict[str, str]]:
        b = seeded(role)
        rm, rm2 = USERS["rm"], USERS["rm2"]
        ids: dict[str, str] = {}
        ids["petro"] = add_client(b, name="中国石油天然气集团有限公司", short_name="中石油", tier="strategic",
                                  credit_code=CC_PETRO)
        ids["petro_sh"] = add_client(b, name="上海浦东石油销售有限公司", parent_id=ids["petro"], tier="core")
        ids["pudong"] = add_client(b, name="浦东发展建设有限公司", tier="general")
        ids["pudong_key"] = add_client(b, name="浦东新区投资控股公司", tier="key")
        ids["zhang"] = add_client(b, kind="individual", name="张三", tier="general", id_number=ID_ZHANG,
                                  phone="13812345678")
        ids["other"] = add_client(b, name="中国银行股份有限公司", owner_id=rm2.id, tier="strategic")
        ids["bank"] = add_client(b, name="重庆银行", tier="key")
        with b.session_scope(write=True) as s:
            s.add(Contact(client_id=ids["pudong"], name="李建国", phone="13900001111"))
            s.add(Contact(client_id=ids["other"], name="王张三"))
        assert rm.id
        return b, ids

    return build


def test_pinyin_keys() -> None:
    assert pinyin_keys("中国石油") == ("zhongguoshiyou", "zgsy")
    assert pinyin_keys("重庆银行") == ("chongqingyinhang", "cqyh")  # phrase dictionary picks the reading
    assert pinyin_keys("ABC科技 2号") == ("abckeji2hao", "abckj2h")
    assert pinyin_keys("吕") == ("lv", "l")
    assert pinyin_keys("") == ("", "")


def test_chinese_substring_and_ranking(corpus: Any) -> None:
    b, ids = corpus()
    hits = search.search(b, "中国石油")
    assert hits[0].client_id == ids["petro"] and hits[0].kind_of_match == "prefix"
    # the subsidiary is found through its group (parent) name
    sub = next(h for h in hits if h.client_id == ids["petro_sh"])
    assert sub.matched_field == "group" and sub.matched == "中国石油天然气集团有限公司"
    hits = search.search(b, "石油")
    assert {h.client_id for h in hits} >= {ids["petro"], ids["petro_sh"]}


def test_exact_beats_prefix_beats_substring_beats_pinyin(corpus: Any) -> None:
    b, ids = corpus()
    hits = search.search(b, "张三")
    assert hits[0].client_id == ids["zhang"] and hits[0].kind_of_match == "exact"
    # 王张三 (contact of another RM's client) is not visible to rm at all
    assert ids["other"] not in [h.client_id for h in hits]
    # prefix before substring; ties broken by tier (key before general)
    hits = search.search(b, "浦东")
    kinds = [h.kind_of_match for h in hits]
    assert kinds == sorted(kinds, key=["exact", "prefix", "substring", "pinyin"].index)
    assert _names(hits)[:2] == ["浦东新区投资控股公司", "浦东发展建设有限公司"]
    assert hits[-1].client_id == ids["petro_sh"] and hits[-1].kind_of_match == "substring"
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_full_pinyin_and_initials(corpus: Any) -> None:
    b, ids = corpus()
    for q in ("zhongguo", "zhongguoshiyou", "ZhongGuo Shi You", "zgsy", "zsy"):
        hits = search.search(b, q)
        assert hits and hits[0].client_id == ids["petro"], q
        assert hits[0].kind_of_match == "pinyin"
    assert search.search(b, "cqyh")[0].client_id == ids["bank"]
    assert search.search(b, "chongqing")[0].client_id == ids["bank"]
    # contact names in pinyin
    assert search.search(b, "lijianguo")[0].client_id == ids["pudong"]


def test_one_and_two_character_queries(corpus: Any) -> None:
    b, ids = corpus()
    assert ids["zhang"] in [h.client_id for h in search.search(b, "张")]
    assert {ids["pudong"], ids["pudong_key"]} <= {h.client_id for h in search.search(b, "浦东")}
    zg = search.search(b, "zg")
    assert zg[0].client_id == ids["petro"]
    assert search.search(b, "c")  # a single letter: pinyin prefix
    assert search.search(b, "  ") == []
    assert search.search(b, "不存在的名字") == []


def test_limit(corpus: Any) -> None:
    b, _ids = corpus()
    assert len(search.search(b, "有限", limit=2)) == 2


def test_code_lookup_through_blind_index(corpus: Any) -> None:
    b, ids = corpus()
    hits = search.search(b, CC_PETRO)
    assert [h.client_id for h in hits] == [ids["petro"]]
    assert hits[0].kind_of_match == "code" and CC_PETRO not in hits[0].matched  # masked, never plaintext
    assert search.search(b, CC_PETRO.lower())[0].client_id == ids["petro"]  # normalized
    assert search.search(b, ID_ZHANG)[0].client_id == ids["zhang"]
    assert search.search(b, "138-1234-5678")[0].client_id == ids["zhang"]
    # a contact's phone finds the client
    hit = search.search(b, "13900001111")[0]
    assert hit.client_id == ids["pudong"] and hit.kind_of_match == "code"
    assert search.search(b, "91110000710925463X") == []  # another code


def test_no_code_lookup_without_the_key(make_book: Callable[..., Book], corpus: Any) -> None:
    src, ids = corpus("rm")
    assert search.search(src, CC_PETRO)  # the RM finds it
    path = src.path
    src.close()
    # the same data seen by a compliance officer (who sees every client but holds no C2 key)
    comp = make_book("compliance_officer")
    _copy_clients(comp, path)
    assert not comp.ctx.keyring.has("C2-ID")
    assert search.search(comp, CC_PETRO) == []
    assert search.search(comp, ID_ZHANG) == []
    assert search.search(comp, "13812345678") == []
    # but names still work, across all books
    assert {ids["petro"], ids["other"]} <= {h.client_id for h in search.search(comp, "中国")}


def _copy_clients(target: Book, source_path: Any) -> None:
    """Copy clients and contacts (ciphertext, masks, blind indexes as stored) into another book,
    the way a sync would deliver them; bulk Core inserts, so the triggers must index them."""
    from tests.conftest import PASSPHRASE
    from kamdesk.services.book import open_book

    src = open_book(source_path, PASSPHRASE)
    try:
        with src.session_scope() as s:
            crow = [dict(r._mapping) for r in s.execute(Client.__table__.select())]
            krow = [dict(r._mapping) for r in s.execute(Contact.__table__.select())]
    finally:
        src.close()
    with target.session_scope(applying_remote=True) as s:
        s.execute(insert(Client.__table__), crow)
        s.execute(insert(Contact.__table__), krow)


def test_index_follows_rename_and_tombstone(corpus: Any) -> None:
    b, ids = corpus()
    with b.session_scope(write=True) as s:
        c = s.get(Client, ids["bank"])
        c.name = "长安汽车金融有限公司"
    assert search.search(b, "重庆银行") == []
    assert search.search(b, "长安汽车")[0].client_id == ids["bank"]
    assert search.search(b, "changan")[0].client_id == ids["bank"]  # pinyin refreshed (长 as chang)
    assert search.search(b, "caqc")[0].client_id == ids["bank"]
    with b.session_scope(write=True) as s:
        s.get(Client, ids["bank"]).deleted = True
        contact = s.query(Contact).filter_by(name="李建国").one()
        contact.deleted = True
    assert search.search(b, "长安汽车") == []
    assert search.search(b, "李建国") == []
    with b.session_scope() as s:
        assert s.execute(text("SELECT count(*) FROM search_index WHERE src_id = :i"), {"i": ids["bank"]}).scalar() == 0
        # the FTS mirror agrees with its content table
        s.execute(text("INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 1)"))


def test_bulk_insert_is_indexed_and_rebuild(corpus: Any) -> None:
    b, _ids = corpus()
    rm = USERS["rm"]
    now = dt.datetime(2026, 1, 1)
    row = {"id": new_id(), "kind": "corporate", "name": "宁德时代新能源科技股份有限公司", "short_name": "宁德时代",
           "owner_id": rm.id, "team_id": rm.team_id, "tier": "core", "lifecycle_stage": "growth", "industry": "",
           "branch": "", "status": "active", "city": "", "address": "", "notes": "", "clock": {}, "deleted": False,
           "created_at": now, "updated_at": now}
    with b.session_scope(applying_remote=True) as s:
        s.execute(insert(Client.__table__), [row])
    assert search.search(b, "ndsd")[0].client_id == row["id"]
    assert search.search(b, "宁德时代")[0].kind_of_match == "exact"  # the short name
    assert search.rebuild_index(b) >= 9
    assert search.search(b, "ningde")[0].client_id == row["id"]


@pytest.mark.parametrize("role,visible,hidden", [
    ("rm", {"petro", "zhang"}, {"other"}),
    ("team_lead", {"petro", "other"}, set()),
    ("compliance_officer", {"petro", "other"}, set()),
])
def test_role_visibility(make_book: Callable[..., Book], corpus: Any, role: str, visible: set[str],
                         hidden: set[str]) -> None:
    src, ids = corpus("rm")
    path = src.path
    src.close()
    b = make_book(role)
    _copy_clients(b, path)
    found = {h.client_id for h in search.search(b, "中国")} | {h.client_id for h in search.search(b, "张三")}
    assert {ids[k] for k in visible if k != "zhang"} <= found | {ids["zhang"]}
    assert not ({ids[k] for k in hidden} & found)


def test_rm2_sees_only_own_book(make_book: Callable[..., Book], corpus: Any) -> None:
    src, ids = corpus("rm")
    path = src.path
    src.close()
    b = make_book("rm2")
    _copy_clients(b, path)
    assert [h.client_id for h in search.search(b, "中国")] == [ids["other"]]
    hit = search.search(b, "张三")
    assert [h.client_id for h in hit] == [ids["other"]] and hit[0].matched == "王张三"


def test_admin_cannot_search(make_book: Callable[..., Book]) -> None:
    from kamdesk.common.errors import PermissionDenied
    from kamdesk.services.book import UserInfo, create_book
    from tests.conftest import FAST_KDF

    admin = UserInfo(id="00000000-0000-7000-8000-000000000009", username="root", display_name="管理员", role="admin",
                     team_id=None, branch="上海分行")
    b = create_book(make_book("rm").path.with_name("admin.kdb"), "pw-admin-1", user=admin, kdf=FAST_KDF)
    try:
        with pytest.raises(PermissionDenied):
            search.search(b, "中国")
    finally:
        b.close()


def test_bulk_fill_rebuilds_the_fts_mirror(corpus: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    b, ids = corpus()
    monkeypatch.setattr(search, "BULK_FILL", 1)
    with b.session_scope(write=True) as s:  # make every term stale, as after a bulk load
        s.execute(text("UPDATE search_index SET py = NULL, ini = NULL"))
    assert search.refresh_index(b) >= 9
    assert search.search(b, "zgsy")[0].client_id == ids["petro"]
    assert search.search(b, "shiyou")  # pinyin substring through the rebuilt FTS mirror
    with b.session_scope() as s:
        s.execute(text("INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 1)"))
        triggers = {r[0] for r in s.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))}
    assert "search_index_au" in triggers
    with b.session_scope(write=True) as s:  # and the re-created trigger keeps the mirror current
        s.get(Client, ids["bank"]).name = "招商银行"
    assert search.search(b, "zhaoshang")[0].client_id == ids["bank"]


def _grams_consistent(b: Book) -> bool:
    expected = ("SELECT substr(si.term, n, 2), CASE si.field WHEN 'name' THEN 0 WHEN 'short' THEN 1 ELSE 2 END, "
                "si.tier_rank, si.cname, si.id FROM search_index si JOIN search_seq ON n < length(si.term)")
    with b.session_scope() as s:
        want = set(s.execute(text(expected)).all())
        have = set(s.execute(text("SELECT gram, fr, tier_rank, cname, si_id FROM search_gram")).all())
    return want == have


def test_two_character_substrings_use_bigrams(corpus: Any) -> None:
    b, ids = corpus()
    hits = search.search(b, "东发")  # a substring, not a prefix
    assert [h.client_id for h in hits] == [ids["pudong"]] and hits[0].kind_of_match == "substring"
    assert _grams_consistent(b)
    with b.session_scope(write=True) as s:  # rename, re-tier, tombstone: the bigrams follow
        s.get(Client, ids["pudong"]).name = "陆家嘴金融城发展公司"
        s.get(Client, ids["pudong_key"]).tier = "strategic"
        s.get(Client, ids["zhang"]).deleted = True
    search.refresh_index(b)
    assert _grams_consistent(b)
    assert search.search(b, "东发") == []
    assert search.search(b, "融城")[0].client_id == ids["pudong"]
    assert search.search(b, "浦东")[0].client_id == ids["pudong_key"]


def test_bulk_loaded_index_is_completed(corpus: Any) -> None:
    """A bulk loader (the demo) writes search_index rows itself, without rank columns or bigrams."""
    b, ids = corpus()
    with b.session_scope(write=True) as s:
        s.execute(text("DROP TRIGGER search_gram_au"))
        s.execute(text("UPDATE search_index SET tier_rank = NULL, cname = NULL"))
        s.execute(text("DELETE FROM search_gram"))
    with b.session_scope(write=True) as s:  # put the trigger back as the migration made it
        s.execute(text(search._GRAM_TRIGGERS["search_gram_au"]))
    hits = search.search(b, "东发")
    assert [h.client_id for h in hits] == [ids["pudong"]] and hits[0].name == "浦东发展建设有限公司"
    assert _grams_consistent(b)
    assert search.search(b, "中国")[0].tier == "strategic"


@pytest.mark.parametrize("q", ["张", "浦", "中国", "有限", "z", "zg", "sh", "c", "东发", "科"])
def test_dense_walk_ranks_like_the_sort(corpus: Any, monkeypatch: pytest.MonkeyPatch, q: str) -> None:
    b, _ids = corpus()
    monkeypatch.setattr(search, "DENSE", 10**9)
    sorted_hits = search.search(b, q, limit=3)
    monkeypatch.setattr(search, "DENSE", 1)  # every matching prefix counts as dense: walk the rank index
    walked = search.search(b, q, limit=3)
    assert [(h.client_id, h.kind_of_match) for h in walked] == [(h.client_id, h.kind_of_match) for h in sorted_hits]


def test_search_triggers_exist_at_head(book: Book) -> None:
    """A later migration that copies clients/contacts (Alembic batch "move and copy") would drop
    these triggers silently and freeze the index: this test catches it."""
    with book.session_scope() as s:
        names = {r[0] for r in s.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))}
        indexes = {r[0] for r in s.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'"))}
    assert {"clients_search_ai", "clients_search_au", "contacts_search_ai", "contacts_search_au", "search_index_ai",
            "search_index_ad", "search_index_au", "search_gram_ai", "search_gram_ad", "search_gram_au"} <= names
    assert {"ix_clients_scope", "ix_search_index_term", "ix_search_index_py", "ix_search_index_ini",
            "ix_search_index_rank", "ix_clients_parent_id"} <= indexes


@pytest.mark.parametrize("q", ['"', "'", "%", "_", "*", "a\"b", "NEAR(", "中国 OR 石油", "\\", "--", "zg*", "🙂", "Ａ", "x" * 300])
def test_odd_queries_never_fail(corpus: Any, q: str) -> None:
    b, _ids = corpus()
    hits = search.search(b, q)
    assert isinstance(hits, list)
    assert all(h.name for h in hits)
