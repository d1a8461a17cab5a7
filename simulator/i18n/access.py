"""Log-in and roles (ui/auth.py, simulator/store/auth.py)."""

LABELS: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------------
    # Log-in and roles (ui/auth.py; issue 8, access)
    "auth.log_in_title": ("Kirjaudu sisään", "Log in"),
    "auth.name": ("Käyttäjätunnus", "User name"),
    "auth.password": ("Salasana", "Password"),
    "auth.log_in": ("Kirjaudu", "Log in"),
    "auth.log_in_help": ("Tunnukset antaa palvelimen ylläpitäjä. Toistuvat epäonnistuneet yritykset estävät kirjautumisen hetkeksi.",
                         "The server's administrator gives out user names. Repeated failed attempts block log-in for a while."),
    "auth.log_out": ("Kirjaudu ulos", "Log out"),
    "auth.signed_in_as": ("Kirjautunut: **{name}** ({role})", "Signed in: **{name}** ({role})"),
    "auth.role.director": ("johtaja", "director"),
    "auth.role.coordinator": ("koordinaattori", "coordinator"),
    "auth.role.viewer": ("katselija", "viewer"),
    "auth.role.local": ("paikallinen käyttäjä", "local user"),
    "auth.local_mode": ("Paikallinen yksikäyttäjätila", "Local single-user mode"),
    "auth.local_mode_help": ("Käyttäjätiedostoa (SIMULATOR_USERS) ei ole asetettu: kirjautumista ei ole ja kaikki sovelluksen avaavat voivat muokata.",
                             "No users file (SIMULATOR_USERS) is set: there is no log-in and everyone who opens the app can edit."),
    "auth.file_error": ("Käyttäjätiedostossa on virhe, joten sovellusta ei avata. Ylläpitäjä: virhe on kerrottu palvelimen lokissa; korjaa tiedosto (python -m simulator users list).",
                        "The users file has a problem, so the app does not open. Administrator: the server log names it; fix the file (python -m simulator users list)."),
    "auth.removed": ("Käyttäjätunnuksesi on poistettu tai muutettu. Kirjaudu uudelleen.",
                     "Your user name was removed or changed. Please log in again."),
}
