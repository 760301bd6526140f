"""Every input format, encoding and delimiter, and each bad input, read from real files."""

from __future__ import annotations

import json

import pytest

from cultureclient.errors import ColumnError, EncodingError, FormatError, InputError
from cultureclient.io.readers import ReadOptions, open_table

ROWS = [
    ("A1", "Très bien reçu, merci; conseillère à l'écoute"),
    ("A2", "Frais cachés | déçu"),
    ("A3", ""),
]


def read(path, **options):
    table = open_table(str(path), ReadOptions(**options))
    return table, list(table.rows)


def write_csv(path, sep, encoding, header=("id", "commentaire")):
    lines = [sep.join(header)] + [f'{i}{sep}"{t}"' for i, t in ROWS]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


@pytest.mark.parametrize("sep", [",", ";", "\t", "|"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_csv_delimiter_and_encoding_detected(tmp_path, sep, encoding):
    path = write_csv(tmp_path / "avis.csv", sep, encoding)
    table, docs = read(path)
    assert table.delimiter == sep
    assert table.text_column == "commentaire"
    assert [d.text for d in docs] == [t for _, t in ROWS]
    assert [d.id for d in docs] == [1, 2, 3]
    assert docs[0].fields == {"id": "A1"}


def test_cp1252_semicolon_file_with_overrides(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes("num;texte\n7;Déçu, frais cachés à 9,90 €\n".encode("cp1252"))
    table, docs = read(path, sep=";", encoding="cp1252", id_column="num")
    assert table.encoding == "cp1252"
    assert docs[0].id == "7" and docs[0].text == "Déçu, frais cachés à 9,90 €"


def test_latin1_bytes_that_are_not_cp1252(tmp_path):
    path = tmp_path / "old.csv"
    path.write_bytes(b"texte\nd\xe9\xe7u \x81\n")
    _, docs = read(path)
    assert docs[0].text == "déçu \x81"


def test_undecodable_bytes_name_the_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes("texte\nok\nDéçu\n".encode("cp1252"))
    with pytest.raises(EncodingError, match=r"bad.csv: line 3: cannot decode bytes as utf-8"):
        read(path, encoding="utf-8")


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "image.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(FormatError, match="binary"):
        read(path)


def test_unknown_text_column_lists_the_columns(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("id,note,date\n1,3,2026-01-01\n", encoding="utf-8")
    with pytest.raises(ColumnError, match="columns are: id, note, date"):
        read(path)
    path.write_text("id,verbatim\n1,x\n", encoding="utf-8")
    with pytest.raises(ColumnError, match="no column 'avis'; columns are: id, verbatim"):
        read(path, text_column="avis")


def test_missing_and_empty_files(tmp_path):
    with pytest.raises(InputError, match="nope.csv: no such file"):
        read(tmp_path / "nope.csv")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="empty.csv: the file is empty"):
        read(empty)


def test_row_with_too_many_fields_keeps_its_place(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("id,texte\n1,bien\n2,mal,en plus\n3,ok\n", encoding="utf-8")
    _, docs = read(path)
    assert [d.error is None for d in docs] == [True, False, True]
    assert "line 3: 3 fields where the header has 2" in docs[1].error


def test_tsv_json_jsonl_txt(tmp_path):
    tsv = tmp_path / "a.tsv"
    tsv.write_text("message\tcanal\nsuper accueil\tagence\n", encoding="utf-8")
    assert read(tsv)[1][0].fields == {"canal": "agence"}

    js = tmp_path / "a.json"
    js.write_text(json.dumps({"documents": [{"id": "x", "avis": "bof"}]}), encoding="utf-8")
    assert read(js, id_column="id")[1][0].id == "x"

    jl = tmp_path / "a.jsonl"
    jl.write_text('{"text": "un"}\n\n{"text": oops}\n[1]\n{"text": "quatre"}\n', encoding="utf-8")
    docs = read(jl)[1]
    assert [d.text for d in docs] == ["un", "", "", "quatre"]
    assert "line 3: invalid JSON" in docs[1].error
    assert "is a list, not an object" in docs[2].error

    txt = tmp_path / "a.txt"
    txt.write_text("première ligne\n\ntroisième\n", encoding="utf-8")
    assert [(d.id, d.text) for d in read(txt)[1]] == [
        (1, "première ligne"),
        (2, ""),
        (3, "troisième"),
    ]


def test_xlsx_sheets(tmp_path):
    import pandas as pd

    path = tmp_path / "a.xlsx"
    with pd.ExcelWriter(path) as book:
        pd.DataFrame({"x": [1]}).to_excel(book, sheet_name="Notes", index=False)
        pd.DataFrame({"Verbatim client": ["top", None], "note": [5, 2]}).to_excel(
            book, sheet_name="Avis", index=False
        )
    table, docs = read(path, sheet="Avis")
    assert table.text_column == "Verbatim client"
    assert [(d.text, d.fields["note"]) for d in docs] == [("top", 5), ("", 2)]
    with pytest.raises(InputError, match="no sheet 'Foo'; sheets are: Notes, Avis"):
        read(path, sheet="Foo")


def test_parquet(tmp_path):
    import pandas as pd

    path = tmp_path / "a.parquet"
    pd.DataFrame({"texte": ["a", "b"], "agence": ["Lyon", "Liège"]}).to_parquet(path)
    assert [d.fields["agence"] for d in read(path)[1]] == ["Lyon", "Liège"]


def test_unknown_suffix(tmp_path):
    path = tmp_path / "a.doc"
    path.write_text("x")
    with pytest.raises(InputError, match="unknown file type '.doc'"):
        read(path)
