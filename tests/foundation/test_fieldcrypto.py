"""Field-level encryption: ciphertext bound to its row and field, role without key, blind index."""
from __future__ import annotations

import pytest
from sqlalchemy import select, update

from kamdesk.common.errors import DecryptError
from kamdesk.models import Client, Contact, Outbox
from kamdesk.security.fieldcrypto import (KeyRing, blind_index, decrypt_value, encrypt_value, generate_domain_key,
                                          needs_rotation)
from kamdesk.services.book import open_book
from tests.support import PASSPHRASE

ID = "11010519491231002X"
USCC = "91110000600037341L"


def _client(book, name="华东精密机械有限公司", **c2):
    with book.session_scope(write=True) as s:
        c = Client(kind="corporate", name=name, owner_id=book.user.id)
        for k, v in c2.items():
            setattr(c, k, v)
        s.add(c)
    return c.id


def test_roundtrip_mask_and_blind_index(book):
    cid = _client(book, credit_code=USCC, net_worth="250000000", phone="13812345678")
    with book.session_scope() as s:
        c = s.get(Client, cid)
        assert (c.credit_code, c.net_worth, c.phone) == (USCC, "250000000", "13812345678")
        assert c.credit_code_mask == "91110000**********" and c.phone_mask == "138****5678"
        assert c.net_worth_mask == "1–5 亿元"
        assert USCC.encode() not in c.credit_code_ct
        bi = blind_index(book.ctx.keyring, "C2-ID", "credit_code", " 9111 0000 6000 3734 1l ")
        assert s.scalar(select(Client.id).where(Client.credit_code_bi == bi)) == cid


def test_ciphertext_copied_to_another_row_or_field_fails(book):
    a = _client(book, "甲公司", credit_code=USCC, phone="13812345678")
    b = _client(book, "乙公司")
    with book.session_scope(write=True) as s:
        ct = s.get(Client, a).credit_code_ct
        phone_ct = s.get(Client, a).phone_ct
        s.execute(update(Client).where(Client.id == b).values(credit_code_ct=ct))  # another row
        s.execute(update(Client).where(Client.id == a).values(id_number_ct=ct))  # another field, same row
        s.execute(update(Client).where(Client.id == a).values(credit_code_ct=phone_ct))  # swap fields
    with book.session_scope() as s:
        assert s.get(Client, b).credit_code is None  # never the other row's plaintext
        assert s.get(Client, a).id_number is None
        assert s.get(Client, a).credit_code is None
        with pytest.raises(DecryptError):
            decrypt_value(book.ctx.keyring, ct, table="clients", column="credit_code_ct", record_id=b)


def test_role_without_key_sees_mask_never_plaintext(make_book):
    rm = make_book("rm")
    cid = _client(rm, credit_code=USCC, credit_rating="AA+", net_worth="8000000")
    path = rm.path
    rm.close()
    # the same file opened as a compliance officer's session holds no domain keys
    book = open_book(path, PASSPHRASE)
    book.ctx.keyring = book.ctx.keyring.restricted_to(set())
    with book.session_scope() as s:
        c = s.get(Client, cid)
        assert c.credit_code is None and c.credit_rating is None and c.net_worth is None
        assert c.credit_code_mask.startswith("91110000*") and c.net_worth_mask == "100万–1000万元"
    # a risk officer holds C2-FIN only
    book.ctx.keyring = open_book(path, PASSPHRASE).ctx.keyring.restricted_to({"C2-FIN"})
    with book.session_scope() as s:
        c = s.get(Client, cid)
        assert c.credit_rating == "AA+" and c.credit_code is None
    # and cannot write identity data it cannot read
    with pytest.raises(Exception, match="C2-ID"):
        with book.session_scope(write=True) as s:
            s.get(Client, cid).credit_code = USCC
    book.close()


def test_tampered_ciphertext_fails():
    ring = KeyRing([generate_domain_key("C2-ID")])
    blob = bytearray(encrypt_value(ring, "C2-ID", "13812345678", table="t", column="c", record_id="r"))
    blob[-1] ^= 1
    with pytest.raises(DecryptError):
        decrypt_value(ring, bytes(blob), table="t", column="c", record_id="r")
    with pytest.raises(DecryptError):
        decrypt_value(ring, b"garbage", table="t", column="c", record_id="r")


def test_rotation_keeps_old_ciphertext_readable():
    ring = KeyRing([generate_domain_key("C2-ID", 1)])
    old = encrypt_value(ring, "C2-ID", "v1 secret", table="t", column="c", record_id="r")
    ring.add(generate_domain_key("C2-ID", 2))
    new = encrypt_value(ring, "C2-ID", "v2 secret", table="t", column="c", record_id="r")
    assert decrypt_value(ring, old, table="t", column="c", record_id="r") == "v1 secret"
    assert decrypt_value(ring, new, table="t", column="c", record_id="r") == "v2 secret"
    assert needs_rotation(ring, old) and not needs_rotation(ring, new)
    # the blind index does not change when data keys rotate
    assert blind_index(ring, "C2-ID", "phone", "138") == blind_index(ring.restricted_to({"C2-ID"}), "C2-ID", "phone", "138")


def test_row_and_outbox_commit_together_or_not_at_all(book):
    with book.session_scope() as s:
        before = len(s.scalars(select(Outbox)).all())
    with pytest.raises(RuntimeError):
        with book.session_scope(write=True) as s:
            s.add(Contact(client_id="x", name="张三"))
            s.flush()
            raise RuntimeError("crash in the middle of a user action")
    with book.session_scope() as s:
        assert len(s.scalars(select(Outbox)).all()) == before
        assert s.scalars(select(Contact)).all() == []
    cid = _client(book, "丙公司")
    with book.session_scope(write=True) as s:
        s.get(Client, cid).city = "上海"
    with book.session_scope() as s:
        entries = s.scalars(select(Outbox).where(Outbox.record_id == cid).order_by(Outbox.seq)).all()
        assert entries[-1].fields == ["city"]
        c = s.get(Client, cid)
        assert c.clock["city"] == entries[-1].hlc > c.clock["name"]


def test_sql_errors_never_carry_bound_values(book):
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    secret = "张三 13812345678"
    with pytest.raises(IntegrityError) as exc:
        with book.session_scope(write=True) as s:
            s.execute(text("INSERT INTO meta (key, value) VALUES (:k, :v)"), {"k": "device_id", "v": secret})
    assert "13812345678" not in str(exc.value) and "张三" not in str(exc.value)


def test_stored_masks_do_not_depend_on_the_writers_language(make_book):
    """A band mask is stored as its source label even when written in English (it syncs to
    Chinese colleagues and the grading reads it); it is shown in the reader's language."""
    from kamdesk.common.i18n import set_language
    from kamdesk.security.masking import localize

    rm = make_book("rm")
    set_language("en")
    try:
        cid = _client(rm, net_worth="8000000")
        with rm.session_scope() as s:
            stored = s.get(Client, cid).net_worth_mask
        assert stored == "100万–1000万元"
        assert localize(stored) != stored and "万" not in localize(stored)
        assert localize("138****1234") == "138****1234"  # other masks are not text
    finally:
        set_language("zh_CN")
    assert localize(stored) == stored
