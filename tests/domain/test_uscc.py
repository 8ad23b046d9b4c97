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


# -- the old codes the credit code replaced (国发〔2015〕33号) ------------------------------------------

def _mod11_10_holds(code: str) -> bool:
    """ISO 7064 MOD 11,10 read over the whole number: the last running sum is 1 mod 10."""
    product, total = 10, 0
    for digit in code:
        total = product % 11 + int(digit)
        product = (total % 10 or 10) * 2
    return total % 10 == 1


@pytest.mark.parametrize("first14", ["32040000000001", "32041100012345", "11010800000001", "99999999999999"])
def test_registration_number_check_digit_satisfies_iso_7064(first14: str) -> None:
    code = first14 + uscc.registration_check_digit(first14)
    assert _mod11_10_holds(code)
    assert sum(_mod11_10_holds(first14 + str(d)) for d in range(10)) == 1  # exactly one digit fits


def test_organisation_code_check_character_follows_gb_11714_example() -> None:
    assert uscc.organisation_check_character("D2143569") == "X"  # the standard's own example
    assert uscc.organisation_check_character("00000000") == "0"  # 11 − 0 = 11 → "0"


def test_old_codes_are_recognised_stored_and_flagged_for_update() -> None:
    reg = "32041100012345" + uscc.registration_check_digit("32041100012345")
    found = uscc.check(reg)
    assert found.valid and found.kind == uscc.REG15 and found.needs_update and "15位工商注册号" in found.note
    org = uscc.check(" d2143569-x ")
    assert org.valid and org.code == "D2143569X" and org.kind == uscc.ORG9 and org.needs_update
    assert uscc.normalise("D2143569-X") == "D2143569X"
    good = uscc.make_code("9", "1", "320411", "D2143569X")
    assert uscc.check(good).kind == uscc.USCC and not uscc.check(good).needs_update and uscc.check(good).note == ""


def test_old_codes_with_a_wrong_check_character_say_what_they_look_like() -> None:
    reg = "32041100012345"
    wrong = str((int(uscc.registration_check_digit(reg)) + 1) % 10)
    found = uscc.check(reg + wrong)
    assert not found.valid and found.kind == uscc.REG15 and "15位工商注册号校验位错误" in found.problem
    org = uscc.check("D2143569-1")
    assert not org.valid and "9位组织机构代码校验码错误：应为“X”" in org.problem
    assert "应为18位" in uscc.check("1234567890123").problem  # neither old code: judged as a credit code
