from __future__ import annotations

import random

import pytest

from inspector_app.domain import uscc

KNOWN_GOOD = ["91110000600037341L", "91110000802100433B"]


def _random_valid(rng: random.Random) -> str:
    body = "91" + "320412" + "".join(rng.choice(uscc.CHARSET) for _ in range(9))
    return body + uscc.check_character(body)


def test_weights_are_powers_of_three_mod_31() -> None:
    assert uscc.WEIGHTS == (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


@pytest.mark.parametrize("code", KNOWN_GOOD)
def test_known_good_codes(code: str) -> None:
    assert uscc.check(code).valid
    assert uscc.is_valid(code.lower())  # lower case is normalised


@pytest.mark.parametrize("code", KNOWN_GOOD + [_random_valid(random.Random(i)) for i in range(20)])
def test_every_single_character_change_is_rejected(code: str) -> None:
    assert uscc.is_valid(code)
    for pos in range(18):
        for ch in uscc.CHARSET:
            if ch == code[pos]:
                continue
            changed = code[:pos] + ch + code[pos + 1:]
            assert not uscc.is_valid(changed), changed


def test_sum_multiple_of_31_gives_zero_check_character() -> None:
    # Search for a body whose weighted sum is a multiple of 31; the check character must be '0'.
    rng = random.Random(31)
    found = 0
    for _ in range(20000):
        body = "91320412" + "".join(rng.choice(uscc.CHARSET) for _ in range(9))
        total = sum(uscc.CHARSET.index(c) * w for c, w in zip(body, uscc.WEIGHTS, strict=True))
        if total % 31 == 0:
            assert uscc.check_character(body) == "0"
            assert uscc.is_valid(body + "0")
            assert not uscc.is_valid(body + "Y")  # the common bug: 31 - 0 = 31 → out of range / wrong
            found += 1
    assert found > 0


@pytest.mark.parametrize(
    ("code", "fragment"),
    [("", "为空"), ("9111000060003734", "18位"), ("91110000600037341I", "不允许"),
     ("91110000600037341M", "校验位错误")],
)
def test_problems_are_specific(code: str, fragment: str) -> None:
    result = uscc.check(code)
    assert not result.valid
    assert fragment in result.problem


def test_make_code_builds_valid_codes() -> None:
    code = uscc.make_code("9", "1", "320402", "MA1X2Y3W4")
    assert len(code) == 18 and uscc.is_valid(code)
