"""Log-in errors, each with its message in English and Finnish (no secret in any)."""
from __future__ import annotations


class AuthError(Exception):
    """A log-in or users-file problem; the message is in English and Finnish."""

    def __init__(self, en: str, fi: str):
        self.en, self.fi = en, fi
        super().__init__(self.render())

    def render(self, lang: str = "both") -> str:
        return {"en": self.en, "fi": self.fi}.get(lang, f"{self.en}\n{self.fi}")


class UsersFileError(AuthError):
    """Every problem found in the users file, each with its place."""

    def __init__(self, source: str, problems: list[tuple[str, str, str]]):
        self.source, self.problems = source, problems  # (where, english, finnish)
        en = "\n".join(f"{source}{': ' + w if w else ''}: {e}" for w, e, _ in problems)
        fi = "\n".join(f"{source}{': ' + w if w else ''}: {f}" for w, _, f in problems)
        super().__init__(en, fi)

    def render(self, lang: str = "both") -> str:
        if lang in ("en", "fi"):
            return super().render(lang)
        return "\n".join(f"{self.source}{': ' + w if w else ''}: {e} / {f}" for w, e, f in self.problems)


class RateLimited(AuthError):
    """Too many failed log-ins for one name; ``retry_after`` seconds to wait."""

    def __init__(self, name: str, retry_after: float):
        self.name, self.retry_after = name, retry_after
        minutes = max(1, int(-(-retry_after // 60)))
        super().__init__(
            f"Too many failed log-ins for '{name}'. Try again in {minutes} min.",
            f"Liian monta epäonnistunutta kirjautumista tunnukselle '{name}'. "
            f"Yritä uudelleen {minutes} min kuluttua.")
