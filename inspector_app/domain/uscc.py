"""统一社会信用代码 (Unified Social Credit Code, GB 32100-2015) validation and check characters."""

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


@dataclass(frozen=True)
class UsccCheck:
    code: str  # normalised (stripped, upper case)
    valid: bool
    problem: str  # empty when valid


def normalise(code: str) -> str:
    return code.strip().replace(" ", "").upper()


def check(code: str) -> UsccCheck:
    """Validate a code and say precisely what is wrong with it (in the interface language, for the user)."""
    norm = normalise(code)
    if not norm:
        return UsccCheck(norm, False, _("统一社会信用代码为空"))
    if len(norm) != 18:
        return UsccCheck(norm, False, _("统一社会信用代码应为18位，实际为{count}位").format(count=len(norm)))
    for pos, ch in enumerate(norm, start=1):
        if ch not in _VALUE:
            return UsccCheck(norm, False, _("第{position}位字符“{character}”不允许（不得使用 I、O、S、V、Z）").format(position=pos, character=ch))
    expected = check_character(norm[:17])
    if norm[17] != expected:
        return UsccCheck(norm, False, _("校验位错误：应为“{expected}”，实际为“{actual}”").format(expected=expected, actual=norm[17]))
    return UsccCheck(norm, True, "")


def is_valid(code: str) -> bool:
    return check(code).valid


def make_code(registering: str, org_type: str, region: str, org_code9: str) -> str:
    """Build a valid code from its parts (1 + 1 + 6 + 9 characters) plus the check character."""
    body = f"{registering}{org_type}{region}{org_code9}"
    if len(body) != 17 or any(ch not in _VALUE for ch in body):
        raise ValueError(f"not 17 code characters: {body!r}")
    return body + check_character(body)
