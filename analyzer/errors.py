"""Every error a user can see, in one place. Messages name the file and the reason, in one line."""

from pathlib import Path


class AnalyzerError(Exception):
    """Base class: an error the CLI turns into one line on stderr and exit status 2."""

    exit_code = 2


class InputError(AnalyzerError):
    """A report, feedback or ledger file that cannot be read."""

    def __init__(self, path: str | Path, reason: str):
        self.path, self.reason = str(path), reason
        super().__init__(f"{self.path}: {reason}")


class LexiconError(AnalyzerError):
    """A lexicon YAML file with a bad entry: names the file, the line and the fix."""

    def __init__(self, path: str | Path, line: int | None, reason: str):
        self.path, self.line, self.reason = str(path), line, reason
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {reason}")


class ModelError(AnalyzerError):
    """A trained model that is missing, unreadable or does not fit this version."""

    def __init__(self, path: str | Path, reason: str):
        self.path, self.reason = str(path), reason
        super().__init__(f"{self.path}: {reason}")
