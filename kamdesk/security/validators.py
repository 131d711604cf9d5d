"""Validators for Chinese identity numbers, built on python-stdnum.

Resident ID numbers follow GB 11643-1999 (18 digits, ISO 7064 MOD 11-2 check digit);
unified social credit codes follow GB 32100-2015 (18 characters, MOD 31 check character).
Each returns the normalized value or raises ValidationError saying what is wrong.
"""
from __future__ import annotations

import re

from stdnum import luhn
from stdnum.cn import ric, uscc
from stdnum.exceptions import (InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength,
                               ValidationError as StdnumError)

from kamdesk.common.errors import ValidationError
from kamdesk.common.i18n import _


def resident_id(value: str, field: str = "id_number") -> str:
    label = _("身份证号")
    try:
        return ric.validate(value)
    except InvalidLength:
        raise ValidationError(field, _("{l}应为 18 位").format(l=label)) from None
    except InvalidChecksum:
        raise ValidationError(field, _("{l}校验位错误").format(l=label)) from None
    except InvalidComponent:
        raise ValidationError(field, _("{l}中的出生日期或地区码无效").format(l=label)) from None
    except InvalidFormat:
        raise ValidationError(field, _("{l}只能包含数字和末位 X").format(l=label)) from None
    except StdnumError:
        raise ValidationError(field, _("{l}无效").format(l=label)) from None


def credit_code(value: str, field: str = "credit_code") -> str:
    label = _("统一社会信用代码")
    try:
        return uscc.validate(value)
    except InvalidLength:
        raise ValidationError(field, _("{l}应为 18 位").format(l=label)) from None
    except InvalidChecksum:
        raise ValidationError(field, _("{l}校验位错误").format(l=label)) from None
    except InvalidFormat:
        raise ValidationError(field, _("{l}含有不允许的字符（不使用 I、O、Z、S、V）").format(l=label)) from None
    except StdnumError:
        raise ValidationError(field, _("{l}无效").format(l=label)) from None


_MOBILE = re.compile(r"^1[3-9]\d{9}$")


def mobile(value: str, field: str = "phone") -> str:
    v = re.sub(r"[\s-]", "", value)
    if v.startswith("+86"):
        v = v[3:]
    if not _MOBILE.match(v):
        raise ValidationError(field, _("手机号应为以 1 开头的 11 位数字"))
    return v


def passport(value: str, field: str = "passport") -> str:
    v = value.strip().upper()
    if not re.fullmatch(r"[A-Z0-9]{5,17}", v):
        raise ValidationError(field, _("护照号格式无效"))
    return v


def account_number(value: str, field: str = "account_no") -> str:
    v = re.sub(r"\s", "", value)
    if not re.fullmatch(r"\d{12,25}", v):
        raise ValidationError(field, _("账号应为 12–25 位数字"))
    if len(v) in (16, 19) and not luhn.is_valid(v):
        raise ValidationError(field, _("卡号校验位错误"))
    return v
