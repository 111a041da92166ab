"""Errors that reach the user: each names the file, the line where known, and the problem."""
from __future__ import annotations

from typing import Optional


class CheckerError(Exception):
    """Bad input or usage. The CLI prints it and exits 2."""

    def __init__(self, problem: str, path: Optional[str] = None, line: Optional[int] = None):
        self.problem, self.path, self.line = problem, path, line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path or ""
        if self.path and self.line:
            where += f":{self.line}"
        return f"{where}: {self.problem}" if where else self.problem
