"""A phone number under a header that does not say so ('Contato', 'Reach me at') is personal data a staffing plan
does not need: left out, never stored — told from the values, as the second import trial found it kept."""
from __future__ import annotations

from app.roster_import import import_roster

from .conftest import write_text


def test_phone_numbers_under_a_neutral_header_are_left_out(tmp_path, catalogue):
    text = ("Matrícula,Nome,Contato,Cargo,Python\n"
            "1001,Ana Souza,(11) 98765-4321,Analista,3\n1002,Bruno Lima,+55 21 99876-1234,Engenheiro,4\n"
            "1003,Carla Dias,(31) 3222-1100,Cientista,5\n")
    result = import_roster(write_text(tmp_path / "cadastro.csv", text), catalogue=catalogue)
    contact = result.mapping.columns["Contato"]
    assert contact.target == "ignore"
    assert contact.reason.startswith("personal data: the values are phone numbers")
    assert all("Contato" not in p.extra for p in result.people)
    assert "98765" not in repr([p.model_dump() for p in result.people])


def test_codes_joined_by_dashes_and_plain_numbers_are_not_taken_for_phones(tmp_path, catalogue):
    text = "Employee ID,Name,Code,Badge\nE1,Ana Ruiz,4100-200-3000,12345678901\nE2,Ben Ode,4100-200-3001,12345678902\n"
    result = import_roster(write_text(tmp_path / "r.csv", text), catalogue=catalogue)
    assert result.mapping.columns["Code"].target == "extra"
    assert result.mapping.columns["Badge"].target != "ignore"
