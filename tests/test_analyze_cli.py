"""`vraagbaak analyze`: one output line of terms per input line."""

from __future__ import annotations

from click.testing import CliRunner

from cli.analyze_cmd import COMMANDS, analyze


def run(*args: str, stdin: str) -> list[str]:
    result = CliRunner().invoke(analyze, list(args), input=stdin)
    assert result.exit_code == 0, result.output
    return result.output.split("\n")[:-1]


def test_one_output_line_per_input_line_with_empty_lines_kept():
    out = run(stdin="Lokale besturen\nop de hoogte\n\nGECOÖRDINEERD ANTWOORD\n")
    assert out == ["lokaal bestuur", "hoogt", "", "coordineer antwoord"]


def test_compound_prints_joined_term_first_then_parts():
    assert run(stdin="sociaal-economische\n") == ["sociaaleconomisch sociaal economisch"]
    assert run("--exact", stdin="sociaal-economische\n") == [
        "sociaaleconomische sociaal economische"]
    assert run("--query", stdin="sociaal-economische\n") == ["sociaal economisch"]


def test_exact_keeps_stop_words_and_case_folds():
    assert run("--exact", stdin="Op de Hoogte van het OCMW’s\n") == [
        "op de hoogte van het ocmw's"]


def test_last_line_without_newline_and_crlf():
    assert run(stdin="ministers\r\nmini") == ["minister", "mini"]


def test_single_word_gives_its_term_first():
    assert run(stdin="Antwoorden\n") == ["antwoord"]


def test_registered_as_vraagbaak_analyze():
    from cli.main import cli

    assert analyze in COMMANDS
    result = CliRunner().invoke(cli, ["analyze"], input="Vragen\n")
    assert result.exit_code == 0 and result.output == "vraag\n"
