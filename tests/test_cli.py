"""The command line: help, version, exit codes and the summary (CliRunner)."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from kg import __version__
from kg.cli import main


def commands(group=main, prefix=()):
    for name, cmd in group.commands.items():
        yield (*prefix, name), cmd
        if hasattr(cmd, "commands"):
            yield from commands(cmd, (*prefix, name))


def test_every_command_has_help_text():
    runner = CliRunner()
    res = runner.invoke(main, ["--help"])
    assert res.exit_code == 0 and "Usage:" in res.output
    found = list(commands())
    assert found, "kg has commands"
    for path, cmd in found:
        assert cmd.help and len(cmd.help) > 40, path
        for flag in ("--help", "-h"):
            res = runner.invoke(main, [*path, flag])
            assert res.exit_code == 0, (path, res.output)
            assert "Usage:" in res.output


def test_version():
    res = CliRunner().invoke(main, ["--version"])
    assert res.exit_code == 0 and __version__ in res.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["build"], "Missing argument"),
        (["build", "corpus"], "Missing option"),
        (["build", "corpus", "-o", "x", "--jobs", "0"], "--jobs"),
        (["frobnicate"], "No such command"),
    ],
)
def test_usage_errors_exit_2(args, message):
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 2
    assert message in res.output


def test_no_readable_input_exits_2_without_traceback(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "image.png").write_bytes(b"\x89PNG")
    res = CliRunner().invoke(main, ["build", str(tmp_path / "in"), str(tmp_path / "missing.md"), "-o",
                                    str(tmp_path / "out")])
    assert res.exit_code == 2
    assert "Traceback" not in res.output
    assert "empty file" in res.output
    assert "unsupported file type" in res.output
    assert "no such file or directory" in res.output
    assert "no input could be read" in res.output
    assert not (tmp_path / "out" / "graph.graphml").exists()


def test_output_path_that_is_a_file_is_a_usage_error(tmp_path):
    (tmp_path / "a.txt").write_text("本文。", encoding="utf-8")
    (tmp_path / "out").write_text("", encoding="utf-8")
    res = CliRunner().invoke(main, ["build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out")])
    assert res.exit_code == 2
    assert "Traceback" not in res.output


@pytest.mark.model
def test_build_prints_a_summary_and_names_skipped_inputs(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.md").write_text("---\ntitle: A\n---\nソニーグループはホンダと提携した。\n", encoding="utf-8")
    (src / "bad.txt").write_bytes(b"\x00\x01binary")
    res = CliRunner().invoke(main, ["build", str(src), "-o", str(tmp_path / "out"), "--jobs", "1"])
    assert res.exit_code == 0, res.output
    assert re.search(r"kg: skipped .*bad\.txt: binary file", res.output)
    m = re.search(r"kg: (\d+) analysed, (\d+) reused, (\d+) skipped, (\d+) removed; (\d+) entities, "
                  r"(\d+) relations; [\d.]+ s", res.output)
    assert m, res.output
    assert m.groups()[:3] == ("1", "0", "1")
    assert int(m.group(5)) >= 2
    res = CliRunner().invoke(main, ["build", str(src), "-o", str(tmp_path / "out"), "--quiet"])
    assert res.exit_code == 0
    assert "analysed" not in res.output  # quiet: no summary
    assert "skipped" in res.output  # but problems are still named
