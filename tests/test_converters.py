"""Converters to and from annotation tools (doccano, brat, spaCy DocBin, HF datasets, CoNLL) and the format resolver."""

import io
import json
import warnings

import pytest
from _shared import SEEDS_GOLD, requires_seeds

from vnparty_ie.cli import main
from vnparty_ie.errors import AnnotationError, ConfigError, FormatError
from vnparty_ie.io.loss import ConversionLossWarning
from vnparty_ie.types import Extraction

GOOD = {
    "id": "d1",
    "text": "Bí thư Quận ủy Thanh Xuân đạt 24%.\nHội nghị họp.",
    "entities": [
        {"id": "T1", "start": 0, "end": 6, "label": "POSITION"},
        {"id": "T2", "start": 7, "end": 25, "label": "ORG"},
        {"id": "T3", "start": 30, "end": 32, "label": "METRIC"},
        {"id": "T4", "start": 32, "end": 33, "label": "UNIT"},
    ],
    "relations": [{"head": "T1", "tail": "T2", "label": "organization"}, {"head": "T3", "tail": "T4", "label": "unit"}],
}
DOC = Extraction.from_dict(GOOD)


def _spans(docs, squeeze=False):
    from vnparty_ie.text.normalize import normalize_string

    def norm(t):
        return normalize_string(t).replace(" ", "") if squeeze else t

    return [[(e.label, norm(e.text)) for e in d.entities] for d in docs]


# --------------------------------------------------------------------------- resolver


@pytest.mark.parametrize(
    "name, expected",
    [("a.conll", "conll"), ("a.bio", "conll"), ("a.iob", "conll"), ("a.iob2", "conll"), ("a.tsv", "conll"),
     ("a.jsonl", "jsonl"), ("a.jsonl.gz", "jsonl"), ("a.json", "labelstudio"), ("a.ann", "brat"),
     ("a.spacy", "docbin"), ("a.txt", "conll")],
)  # fmt: skip
def test_resolve_by_suffix_for_missing_files(tmp_path, name, expected):
    from vnparty_ie.io.formats import resolve_format

    assert resolve_format(tmp_path / name) == expected


def test_resolve_sniffs_content(tmp_path):
    from vnparty_ie.io.formats import resolve_format

    ls = tmp_path / "tasks.json"
    ls.write_text(json.dumps([{"data": {"text": "x"}}]), encoding="utf-8")
    dc = tmp_path / "dc.json"
    dc.write_text(json.dumps({"text": "ab", "label": [[0, 1, "ORG"]]}) + "\n", encoding="utf-8")
    dcl = tmp_path / "all.jsonl"
    dcl.write_text(
        json.dumps(
            {"text": "ab", "entities": [{"id": 1, "start_offset": 0, "end_offset": 1, "label": "ORG"}], "relations": []}
        )
        + "\n"
    )
    ours = tmp_path / "ours.json"
    ours.write_text(json.dumps(GOOD, ensure_ascii=False) + "\n", encoding="utf-8")
    conll = tmp_path / "words.txt"
    conll.write_text("# a comment\nBí_thư O\nQuận_ủy B-ORG\n", encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x.txt").write_text("Sony", encoding="utf-8")
    (tmp_path / "b" / "x.ann").write_text("T1\tORG 0 4\tSony\n", encoding="utf-8")
    prose = tmp_path / "prose.txt"
    prose.write_text("Bí thư Quận ủy phát biểu.\n", encoding="utf-8")
    got = [resolve_format(p) for p in (ls, dc, dcl, ours, conll, tmp_path / "b", tmp_path / "b" / "x.txt")]
    assert got == ["labelstudio", "doccano", "doccano", "jsonl", "conll", "brat", "brat"]
    with pytest.raises(FormatError, match="neither CoNLL"):
        resolve_format(prose)
    assert resolve_format(prose, "spacy") == "docbin" and resolve_format("x", "Label_Studio") == "labelstudio"


def test_format_errors_are_config_and_value_errors(tmp_path):
    from vnparty_ie.io.formats import resolve_format

    for bad in (lambda: resolve_format("a.xyz"), lambda: resolve_format("a.jsonl", "excel"),
                lambda: resolve_format(tmp_path)):  # fmt: skip
        with pytest.raises(FormatError) as info:
            bad()
        assert isinstance(info.value, ConfigError) and isinstance(info.value, ValueError)


# --------------------------------------------------------------------------- doccano


def test_doccano_documented_formats_import():
    from vnparty_ie.io.doccano import from_doccano

    seq = {"id": 7, "text": "EU rejects German call", "label": [[11, 17, "MISC"], [0, 2, "ORG"]], "Comments": []}
    rel = {"text": "Google was founded on September 4, 1998, by Larry Page and Sergey Brin.",
           "entities": [{"id": 0, "start_offset": 0, "end_offset": 6, "label": "ORG"},
                        {"id": 1, "start_offset": 22, "end_offset": 39, "label": "DATE"},
                        {"id": 2, "start_offset": 44, "end_offset": 54, "label": "PERSON"}],
           "relations": [{"id": 0, "from_id": 0, "to_id": 1, "type": "foundedAt"},
                         {"id": 1, "from_id": 0, "to_id": 2, "type": "foundedBy"}]}  # fmt: skip
    a, b = from_doccano([seq, rel])
    assert a.id == "7" and [(e.id, e.text) for e in a.entities] == [("T1", "EU"), ("T2", "German")] and not a.meta
    assert [(r.head.text, r.label, r.tail.text) for r in b.relations] == [
        ("Google", "foundedAt", "September 4, 1998"), ("Google", "foundedBy", "Larry Page")]  # fmt: skip


def test_doccano_round_trip_and_errors(tmp_path):
    from vnparty_ie.io.doccano import read_doccano, write_doccano

    path = tmp_path / "dc.jsonl"
    assert write_doccano(path, [DOC, DOC]).lossless
    assert read_doccano(path) == [DOC, DOC]
    with pytest.warns(ConversionLossWarning, match="relations: 2 dropped"):
        summary = write_doccano(tmp_path / "seq.jsonl", [DOC], relations=False)
    assert summary.dropped == {"relations": 2}
    assert _spans(read_doccano(tmp_path / "seq.jsonl")) == _spans([DOC])
    lines = path.read_text(encoding="utf-8").splitlines()
    bad = json.loads(lines[1])
    bad["relations"][0]["to_id"] = 99
    path.write_text(lines[0] + "\n" + json.dumps(bad, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(AnnotationError) as info:
        read_doccano(path)
    assert info.value.line == 2 and info.value.field == "relations[0].tail" and "T99" in str(info.value)
    path.write_text(json.dumps({"text": "abc", "label": ["positive"]}) + "\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match="text-classification") as info:
        read_doccano(path, schema=None)
    assert info.value.line == 1 and info.value.field == "label[0]"


# --------------------------------------------------------------------------- brat

BRAT_TXT = "Sony and Ericsson formed a joint venture in London.\n"
BRAT_ANN = ("T1\tOrganization 0 4\tSony\nT2\tOrganization 9 17\tEricsson\nT3\tLocation 44 50\tLondon\n"
            "R1\tPartner Arg1:T1 Arg2:T2\t\nA1\tNegated T3\n#1\tAnnotatorNotes T1\ta note\n")  # fmt: skip


def test_brat_documented_format(tmp_path):
    from vnparty_ie.io.brat import read_brat

    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(BRAT_TXT, encoding="utf-8")
    (tmp_path / "news" / "a.ann").write_text(BRAT_ANN, encoding="utf-8")
    with pytest.warns(ConversionLossWarning, match="1 attribute, 1 note"):
        (doc,) = read_brat(tmp_path, schema=None)
    assert doc.id == "news/a" and doc.text == BRAT_TXT
    assert [(e.id, e.label, e.text) for e in doc.entities][2] == ("T3", "Location", "London")
    assert [(r.head.text, r.label, r.tail.text) for r in doc.relations] == [("Sony", "Partner", "Ericsson")]


@pytest.mark.parametrize(
    "ann, line, field, message",
    [("T1\tLocation 0 4;9 17\tSony Ericsson\n", 1, "T1", "discontinuous"),
     ("T1\tOrganization 0 4\tSony\nR1\tPartner Arg1:T1 Arg2:T9\n", 2, "R1", "Arg2 'T9'"),
     ("T1\tOrganization 0 5\tSony\n", 1, "T1", "differs from the text"),
     ("T1\tOrganization 0 4\tSony\nT1\tOrganization 9 17\tEricsson\n", 2, "T1", "duplicate"),
     ("X1\tsomething\n", 1, None, "unknown annotation line")],
)  # fmt: skip
def test_brat_errors_name_file_and_line(tmp_path, ann, line, field, message):
    from vnparty_ie.io.brat import read_brat

    (tmp_path / "a.txt").write_text(BRAT_TXT, encoding="utf-8")
    (tmp_path / "a.ann").write_text(ann, encoding="utf-8")
    with pytest.raises(AnnotationError, match=message) as info:
        read_brat(tmp_path / "a.ann", schema=None)
    assert (info.value.line, info.value.field) == (line, field) and info.value.path.endswith("a.ann")


def test_brat_folder_round_trip_keeps_text_bytes_and_ids(tmp_path):
    from vnparty_ie.io.brat import read_brat, write_brat

    crlf = Extraction.from_dict(dict(GOOD, id="train/0001", text=GOOD["text"].replace("\n", "\r\n")))
    assert write_brat(tmp_path / "out", [DOC, crlf]).lossless
    assert (tmp_path / "out" / "train" / "0001.ann").is_file() and (tmp_path / "out" / "annotation.conf").is_file()
    assert read_brat(tmp_path / "out") == [DOC, crlf]


# --------------------------------------------------------------------------- spaCy DocBin


def test_docbin_round_trip_with_user_data(tmp_path):
    pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    from vnparty_ie.io.docbin import read_docbin, to_docbin, write_docbin

    scored = Extraction.from_dict(dict(GOOD, id="s", entities=[dict(e, score=0.5) for e in GOOD["entities"]]))
    assert write_docbin(tmp_path / "a.spacy", [DOC, scored]).lossless
    back = read_docbin(tmp_path / "a.spacy")
    assert back == [DOC, scored] and back[1].entities[0].score == 0.5
    # a DocBin from elsewhere (no user_data) reads as entities only
    plain = DocBin(store_user_data=False)
    for sdoc in to_docbin([DOC]).get_docs(__import__("spacy").blank("xx").vocab):
        plain.add(sdoc)
    plain.to_disk(tmp_path / "plain.spacy")
    (doc,) = read_docbin(tmp_path / "plain.spacy")
    assert doc.id is None and doc.entities == DOC.entities and doc.relations == ()


def test_docbin_bad_user_data_is_an_annotation_error(tmp_path):
    spacy = pytest.importorskip("spacy")
    from vnparty_ie.io.docbin import USER_DATA_KEY, from_docbin, to_docbin

    docbin = to_docbin([DOC])
    (sdoc,) = docbin.get_docs(spacy.blank("xx").vocab)
    sdoc.user_data[USER_DATA_KEY]["relations"][0]["tail"] = 12
    from spacy.tokens import DocBin

    bad = DocBin(store_user_data=True, docs=[sdoc])
    with pytest.raises(AnnotationError, match="out of range") as info:
        from_docbin(bad)
    assert info.value.field == "docs[0].user_data.relations[0]"


# --------------------------------------------------------------------------- CoNLL


def test_conll_keeps_document_ids_and_boundaries():
    from vnparty_ie.io.conll import export_conll, read_conll_documents

    other = Extraction.from_dict(dict(GOOD, id="d2"))
    for marker, first in (("docstart", "-DOCSTART- d1"), ("comment", "# id = d1")):
        buf = io.StringIO()
        with pytest.warns(ConversionLossWarning, match="relations: 4 dropped.*spacing"):
            summary, misaligned = export_conll(buf, [DOC, other], segmenter="syllable", doc_marker=marker)
        assert summary.dropped == {"relations": 4} and misaligned == [] and summary.written == 4
        assert buf.getvalue().startswith(first + "\n")
        back = read_conll_documents(io.StringIO(buf.getvalue()))
        assert [d.id for d in back] == ["d1", "d2"]
        assert back[0].text == "Bí thư Quận ủy Thanh Xuân đạt 24 % .\nHội nghị họp ."
        assert _spans(back) == _spans([DOC, other])


def test_conll_2003_docstart_and_normalisation():
    from vnparty_ie.io.conll import read_conll, read_conll_documents

    text = ("-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\n"
            "-DOCSTART- -X- -X- O\n\nQuận_uỷ NN B-NP B-ORG\n\u200b X X O\nhọp VB B-VP O\n\n# note\n# O\n")  # fmt: skip
    docs = read_conll_documents(io.StringIO(text))
    # conversion keeps the words as written; "# O" is the word "#", "# note" a comment
    assert [(d.id, d.text) for d in docs] == [("conll-1", "EU rejects"), ("conll-2", "Quận uỷ \u200b họp\n#")]
    sents = read_conll(io.StringIO(text))  # training/prediction view: normalised words
    assert sents[1].words == ["Quận_ủy", "họp"] and sents[1].tags == ["B-ORG", "O"] and sents[2].words == ["#"]
    with pytest.raises(AnnotationError, match="empty after normalisation") as info:
        read_conll(io.StringIO("a O\n\u200b B-ORG\n"))
    assert info.value.line == 2


# --------------------------------------------------------------------------- Hugging Face datasets


def test_hf_export_import_and_training_input(tmp_path):
    pytest.importorskip("datasets")
    from datasets import ClassLabel, Dataset, Features, Sequence, Value

    from vnparty_ie.io.hf_datasets import dataset_to_train_data, from_hf_dataset, to_hf_dataset, write_training_file
    from vnparty_ie.train import load_data

    with pytest.warns(ConversionLossWarning, match="relations: 2 dropped"):
        ds = to_hf_dataset([DOC], segmenter="syllable")
    assert isinstance(ds.features["ner_tags"].feature, ClassLabel) and ds.num_rows == 2
    (back,) = from_hf_dataset(ds)
    assert back.id == "d1" and _spans([back]) == _spans([DOC])
    features = Features({"tokens": Sequence(Value("string")), "ner_tags": Sequence(ClassLabel(names=["O", "B-ORG"]))})
    plain = Dataset.from_dict(
        {"tokens": [["Quận_uỷ", "họp"], ["Đảng_bộ"]], "ner_tags": [[1, 0], [1]]}, features=features
    )
    assert [d.text for d in from_hf_dataset(plain)] == ["Quận uỷ họp", "Đảng bộ"]
    data = dataset_to_train_data(plain)
    assert data.words == [["Quận_ủy", "họp"], ["Đảng_bộ"]] and data.tags == [["B-ORG", "O"], ["B-ORG"]]
    path = write_training_file(plain, tmp_path / "train.conll")
    loaded = load_data(path)
    assert (loaded.words, loaded.tags) == (data.words, data.tags)
    broken = Dataset.from_dict({"tokens": [["a"], ["b", "c"]], "ner_tags": [["O"], ["O"]]})
    with pytest.raises(AnnotationError, match="2 tokens but 1 tags") as info:
        from_hf_dataset(broken)
    assert info.value.line == 2


# --------------------------------------------------------------------------- CLI


@pytest.mark.parametrize(
    "target, fmt",
    [
        ("out.jsonl", "doccano"),
        ("brat_out", "brat"),
        ("out.spacy", None),
        ("out.json", None),
        ("out.conll", None),
        ("hf_out", "hf"),
    ],
)
def test_cli_convert_every_format_and_back(tmp_path, capsys, target, fmt):
    if fmt == "hf" or target.endswith(".spacy"):
        pytest.importorskip("datasets" if fmt == "hf" else "spacy")
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(GOOD, ensure_ascii=False) + "\n", encoding="utf-8")
    out, back = tmp_path / target, tmp_path / "back.jsonl"
    to = ["--to", fmt] if fmt else []
    assert main(["convert", str(src), str(out), *to, "--segmenter", "syllable"]) == 0
    err = capsys.readouterr().err
    assert main(["convert", str(out), str(back), *(["--from", fmt] if fmt else [])]) == 0
    assert main(["validate", str(out), *(["--format", fmt] if fmt else [])]) == 0
    (doc,) = [Extraction.from_dict(json.loads(line)) for line in back.read_text(encoding="utf-8").splitlines()]
    if target.endswith(".conll") or fmt == "hf":
        assert "warning: " in err and "relations: 2 dropped" in err
        assert doc.id == "d1" and _spans([doc], True) == _spans([DOC], True)
    else:
        assert doc.to_dict() == DOC.to_dict()


def test_cli_reports_bad_input_with_line(tmp_path, capsys):
    bad = tmp_path / "a.ann"
    bad.write_text("T1\tORG 0 4;5 6\tab cd\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("abcd ef", encoding="utf-8")
    assert main(["validate", str(bad)]) == 1
    assert "line 1" in capsys.readouterr().err
    assert main(["convert", str(bad), str(tmp_path / "x.jsonl")]) == 2
    assert "discontinuous" in capsys.readouterr().err


# --------------------------------------------------------------------------- seeds round trips


@requires_seeds
@pytest.mark.parametrize(
    "fmt, name",
    [("jsonl", "s.jsonl"), ("doccano", "s.jsonl"), ("brat", "brat"), ("docbin", "s.spacy"), ("labelstudio", "s.json")],
)
def test_seeds_round_trip_identical(tmp_path, fmt, name):
    if fmt == "docbin":
        pytest.importorskip("spacy")
    from vnparty_ie.io.formats import read_documents, write_documents
    from vnparty_ie.io.jsonl import read_jsonl

    docs = read_jsonl(SEEDS_GOLD)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConversionLossWarning)  # these formats carry everything in the seeds
        write_documents(tmp_path / name, docs, fmt)
    back = read_documents(tmp_path / name, fmt)
    assert [d.to_dict() for d in back] == [d.to_dict() for d in docs]
    if fmt != "labelstudio":  # Label Studio keeps its own result ids; ids come back as T1, T2 … in text order
        assert back == docs


@requires_seeds
@pytest.mark.parametrize("fmt, name", [("conll", "s.conll"), ("hf", "hf"), ("doccano-seq", "seq.jsonl")])
def test_seeds_round_trip_through_lossy_formats(tmp_path, fmt, name):
    if fmt == "hf":
        pytest.importorskip("datasets")
    from vnparty_ie.io.formats import read_documents, write_documents
    from vnparty_ie.io.jsonl import read_jsonl

    docs = read_jsonl(SEEDS_GOLD)
    with pytest.warns(ConversionLossWarning, match=f"relations: {sum(len(d.relations) for d in docs)} dropped"):
        _, misaligned = write_documents(tmp_path / name, docs, fmt, segmenter="syllable")
    back = read_documents(tmp_path / name)
    assert [d.id for d in back] == [d.id for d in docs] and misaligned == []
    if fmt == "doccano-seq":
        assert [d.entities for d in back] == [d.entities for d in docs]
    else:
        assert _spans(back, squeeze=True) == _spans(docs, squeeze=True)


def test_cli_evaluate_reads_gold_in_any_format(tiny_tagger, tmp_path, capsys):
    from vnparty_ie.io.brat import write_brat

    model = tiny_tagger.save_pretrained(tmp_path / "model")
    write_brat(tmp_path / "gold", [DOC])
    assert main(["evaluate", "--model", str(model), "--gold", str(tmp_path / "gold"), "--entities-only"]) == 0
    assert "1 docs, 4 gold" in capsys.readouterr().out


def test_brat_single_ann_output(tmp_path):
    from vnparty_ie.io.formats import read_documents, write_documents

    with pytest.warns(ConversionLossWarning, match="document ids changed"):
        write_documents(tmp_path / "one.ann", [DOC])
    assert read_documents(tmp_path / "one.txt") == [Extraction.from_dict(dict(GOOD, id="one"))]
    with pytest.raises(FormatError, match="one brat document"):
        write_documents(tmp_path / "two.ann", [DOC, DOC])
