"""NIP decoding: every DOMAIN.md section 10 example, plus the other error codes."""

import pandas as pd
import pytest

from mutasi_cli.rules.nip import decode_nip, error_params


def decode_one(nip, status=None):
    hint = None if status is None else pd.Series([status])
    return decode_nip(pd.Series([nip]), hint).iloc[0]


def test_pns_example_decodes():
    row = decode_one("198609262015051001")
    assert row["kind"] == "PNS"
    assert row["birth_date"] == pd.Timestamp("1986-09-26")
    assert row["tmt"] == pd.Timestamp("2015-05-01")
    assert (row["sex"], row["serial"]) == ("L", "001")
    assert pd.isna(row["error"])


def test_spaces_are_stripped_and_female_decoded():
    row = decode_one("19840706 200604 2 020")
    assert row["nip"] == "198407062006042020"
    assert row["birth_date"] == pd.Timestamp("1984-07-06")
    assert row["tmt"] == pd.Timestamp("2006-04-01")
    assert (row["sex"], row["serial"], row["kind"]) == ("P", "020", "PNS")


def test_pppk_layout_is_recognised_from_digit_13():
    row = decode_one("200012312024211001")
    assert row["kind"] == "PPPK"
    assert row["birth_date"] == pd.Timestamp("2000-12-31")
    assert row["tmt"] == pd.Timestamp("2024-01-01")
    assert (row["sex"], row["serial"]) == ("L", "001")


def test_status_hint_reads_a_number_as_pppk():
    assert decode_one("198609262015051001")["tmt"] == pd.Timestamp("2015-05-01")
    row = decode_one("198609262015051001", status="PPPK")
    assert (row["kind"], row["tmt"]) == ("PPPK", pd.Timestamp("2015-01-01"))


@pytest.mark.parametrize(
    ("nip", "code"),
    [
        ("198609262015131001", "nip-invalid-tmt"),  # month 13
        ("198609262015053001", "nip-invalid-sex"),  # sex digit 3
        ("19860926201505100", "nip-invalid-length"),  # 17 digits
        ("19860926201505100A", "nip-invalid-chars"),
        ("198602302015051001", "nip-invalid-date"),  # 30 February
        ("200012312010051001", "nip-tmt-too-early"),  # TMT at 9 years old
        ("", "nip-missing"),
        (None, "nip-missing"),
    ],
)
def test_invalid_numbers_get_their_code_and_no_decoded_fields(nip, code):
    row = decode_one(nip)
    assert row["error"] == code
    assert pd.isna(row["kind"]) and pd.isna(row["birth_date"]) and pd.isna(row["sex"])


def test_minimum_age_at_tmt_is_a_parameter():
    nip = pd.Series(["200012312017051001"])  # TMT at 16 years 5 months
    assert decode_nip(nip)["error"].iloc[0] == "nip-tmt-too-early"
    assert pd.isna(decode_nip(nip, min_age_at_tmt=16)["error"].iloc[0])


def test_vectorised_over_a_column_keeps_the_index():
    values = pd.Series(["198609262015051001", "x", "19840706.200604.2.020"], index=[7, 3, 5])
    decoded = decode_nip(values)
    assert list(decoded.index) == [7, 3, 5]
    assert decoded["error"].isna().tolist() == [True, False, True]
    assert str(decoded["birth_date"].dtype) == "datetime64[ns]"


def test_error_params_feed_the_messages():
    assert error_params("nip-invalid-length", "19860926201505100") == {"digits": 17}
    assert error_params("nip-invalid-tmt", "198609262015131001") == {"month": "13"}
    assert error_params("nip-invalid-sex", "198609262015053001") == {}


def test_pns_status_makes_an_impossible_tmt_month_an_error():
    # Digits 13-14 "25": no month. Without a hint the layout is PPPK's; with status PNS it is a
    # broken PNS NIP, reported, never silently read as PPPK (issue 9).
    number = "198407062025211003"
    assert decode_nip(pd.Series([number]))["kind"].tolist() == ["PPPK"]
    decoded = decode_nip(pd.Series([number]), pd.Series(["PNS"]))
    assert decoded["error"].tolist() == ["nip-invalid-tmt"] and pd.isna(decoded["kind"].iloc[0])
    assert error_params("nip-invalid-tmt", number) == {"month": "21"}


def test_only_ascii_digits_count():
    """A full-width or Arabic-Indic digit is a wrong character, wherever it sits (it was once
    accepted inside the TMT or serial and kept in the "clean" NIP)."""
    nip = "198609262015051001"
    values = pd.Series([nip[:10] + "１" + nip[11:], nip[:17] + "٢", nip], dtype=object)
    decoded = decode_nip(values)
    assert decoded["error"].tolist() == ["nip-invalid-chars", "nip-invalid-chars", pd.NA]
    assert decoded["birth_date"].isna().tolist() == [True, True, False]
