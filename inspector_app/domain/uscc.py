"""统一社会信用代码 (Unified Social Credit Code, GB 32100-2015) validation and check characters, and the
two codes it replaced, which old enterprise lists still carry:

- the 15-digit 工商注册号 (business registration number, GS 15-2006 《工商行政管理市场主体注册号编制规则》:
  6-digit registering authority, 8-digit sequence, 1 check digit by ISO 7064 MOD 11,10);
- the 9-character 组织机构代码 (organisation code, GB 11714-1997: 8 body characters and a check character,
  weights 3 7 9 10 5 8 4 2, modulus 11, 10 → "X"), often written ``12345678-9``.

国务院《关于批转发展改革委等部门法人和其他组织统一社会信用代码制度建设总体方案的通知》（国发〔2015〕33号）
replaced both by the 18-character code, existing organisations by the end of 2017: an old code with a correct
check character is recognised and stored (``Enterprise.code_kind``) but flagged for update, never passed off
as a credit code.
"""

from __future__ import annotations

from dataclasses import dataclass

from inspector_app.translation import _

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
WEIGHTS = tuple(pow(3, i, 31) for i in range(17))  # 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28
_VALUE = {ch: i for i, ch in enumerate(CHARSET)}


def check_character(first17: str) -> str:
    """The 18th character for the first 17. The outer ``% 31`` matters: a sum divisible by 31 gives '0'."""
    if len(first17) != 17 or any(ch not in _VALUE for ch in first17):
        raise ValueError(f"not 17 code characters: {first17!r}")
    total = sum(_VALUE[ch] * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


USCC, REG15, ORG9 = "uscc", "reg15", "org9"  # Enterprise.code_kind
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_VALUE = {ch: i for i, ch in enumerate("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")}


@dataclass(frozen=True)
class UsccCheck:
    code: str  # normalised (stripped, upper case; an organisation code without its hyphen)
    valid: bool  # may be stored: a credit code, or an old code with a correct check character
    problem: str  # empty when valid
    kind: str = USCC  # USCC, REG15 or ORG9 (what the code is, when valid)

    @property
    def needs_update(self) -> bool:
        """An old code: the enterprise should be asked for its 统一社会信用代码."""
        return self.valid and self.kind != USCC

    @property
    def note(self) -> str:
        """What people are told about a valid old code (empty for a credit code)."""
        if self.kind == REG15:
            return _("旧版15位工商注册号，请更新为18位统一社会信用代码（国发〔2015〕33号）")
        if self.kind == ORG9:
            return _("旧版9位组织机构代码，请更新为18位统一社会信用代码（国发〔2015〕33号）")
        return ""


def normalise(code: str) -> str:
    """Stripped, no spaces, upper case; an organisation code written ``12345678-9`` loses its hyphen."""
    norm = code.strip().replace(" ", "").upper()
    return norm[:8] + norm[9:] if len(norm) == 10 and norm[8] == "-" else norm


def registration_check_digit(first14: str) -> str:
    """The 15th digit of a 工商注册号 (GS 15-2006: ISO 7064 MOD 11,10 over the first 14 digits)."""
    if len(first14) != 14 or not first14.isdigit() or not first14.isascii():
        raise ValueError(f"not 14 digits: {first14!r}")
    product = 10
    for digit in first14:
        total = product % 11 + int(digit)
        product = (total % 10 or 10) * 2
    return str((11 - product % 11) % 10)


def organisation_check_character(first8: str) -> str:
    """The 9th character of a 组织机构代码 (GB 11714-1997: weights 3 7 9 10 5 8 4 2, 11 − sum mod 11;
    10 → "X", 11 → "0")."""
    if len(first8) != 8 or any(ch not in _ORG_VALUE for ch in first8):
        raise ValueError(f"not 8 code characters: {first8!r}")
    value = 11 - sum(_ORG_VALUE[ch] * w for ch, w in zip(first8, ORG_WEIGHTS, strict=True)) % 11
    return "X" if value == 10 else "0" if value == 11 else str(value)


def _legacy(norm: str) -> UsccCheck | None:
    """An old code's check, or None when ``norm`` does not look like one (then it is judged as a credit code)."""
    if len(norm) == 15 and norm.isdigit() and norm.isascii():
        expected = registration_check_digit(norm[:14])
        if norm[14] != expected:
            return UsccCheck(norm, False, _("15位工商注册号校验位错误：应为“{expected}”，实际为“{actual}”")
                             .format(expected=expected, actual=norm[14]), REG15)
        return UsccCheck(norm, True, "", REG15)
    plain = normalise(norm)
    if len(plain) == 9 and all(ch in _ORG_VALUE for ch in plain[:8]) and (plain[8].isdigit() or plain[8] == "X"):
        expected = organisation_check_character(plain[:8])
        if plain[8] != expected:
            return UsccCheck(plain, False, _("9位组织机构代码校验码错误：应为“{expected}”，实际为“{actual}”")
                             .format(expected=expected, actual=plain[8]), ORG9)
        return UsccCheck(plain, True, "", ORG9)
    return None


def check(code: str) -> UsccCheck:
    """Validate a code and say precisely what is wrong with it (in the interface language, for the user).

    A valid old 工商注册号 or 组织机构代码 is valid with its ``kind`` (``needs_update``); anything else must be
    an 18-character credit code."""
    norm = normalise(code)
    if not norm:
        return UsccCheck(norm, False, _("统一社会信用代码为空"))
    legacy = _legacy(norm)
    if legacy is not None:
        return legacy
    if len(norm) != 18:
        return UsccCheck(norm, False, _("统一社会信用代码应为18位，实际为{count}位").format(count=len(norm)))
    for pos, ch in enumerate(norm, start=1):
        if ch not in _VALUE:
            return UsccCheck(norm, False, _("第{position}位字符“{character}”不允许（不得使用 I、O、S、V、Z）")
                             .format(position=pos, character=ch))
    expected = check_character(norm[:17])
    if norm[17] != expected:
        return UsccCheck(norm, False, _("校验位错误：应为“{expected}”，实际为“{actual}”")
                         .format(expected=expected, actual=norm[17]))
    return UsccCheck(norm, True, "")


def is_valid(code: str) -> bool:
    return check(code).valid


def make_code(registering: str, org_type: str, region: str, org_code9: str) -> str:
    """Build a valid code from its parts (1 + 1 + 6 + 9 characters) plus the check character."""
    body = f"{registering}{org_type}{region}{org_code9}"
    if len(body) != 17 or any(ch not in _VALUE for ch in body):
        raise ValueError(f"not 17 code characters: {body!r}")
    return body + check_character(body)
