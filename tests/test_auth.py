"""Log-in: argon2 hashing, the users file's validation, rate limiting (with a
fake clock, across processes) and the ``users`` command line.

The cheap argon2 test profile (SIMULATOR_ARGON2_PROFILE=test) keeps these
fast; one test checks that the default is argon2's recommended parameters.
"""
from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from argon2 import PasswordHasher, extract_parameters

from simulator.store import auth, login_limits
from simulator.cli.main import main
from simulator.store.access import User

ROOT = Path(__file__).resolve().parent.parent
PW = {"anna": "anna-salasana-1", "ville": "ville-salasana-2", "kaisa": "kaisa-salasana-3"}
BAD = ("Log-in failed: unknown user name or wrong password.\n"
       "Kirjautuminen epäonnistui: tuntematon käyttäjätunnus tai väärä salasana.")


@pytest.fixture(autouse=True)
def env(monkeypatch, tmp_path):
    monkeypatch.setenv(auth.PROFILE_ENV, "test")
    monkeypatch.delenv(auth.USERS_ENV, raising=False)
    monkeypatch.setenv(login_limits.WORKSPACE_ENV, str(tmp_path / "ws"))


def make_users(path: Path) -> Path:
    auth.write_users(path, {
        "anna": auth.UserRecord("anna", "director", "varkaus", auth.hash_password(PW["anna"])),
        "ville": auth.UserRecord("ville", "viewer", None, auth.hash_password(PW["ville"])),
        "kaisa": auth.UserRecord("kaisa", "coordinator", None, auth.hash_password(PW["kaisa"])),
    })
    return path


@pytest.fixture
def users(tmp_path, monkeypatch) -> Path:
    path = make_users(tmp_path / "users.yaml")
    monkeypatch.setenv(auth.USERS_ENV, str(path))
    return path


class Clock:
    def __init__(self, t=1_000_000.0):
        self.t = t

    def __call__(self):
        return self.t


def login(name, password, clock=None):
    return auth.authenticate(name, password, clock=clock)


# ------------------------------------------------------------------ hashing

def test_hash_is_argon2id_salted_and_verifies():
    h1, h2 = auth.hash_password("salainen-1"), auth.hash_password("salainen-1")
    assert h1.startswith("$argon2id$") and h2.startswith("$argon2id$")
    assert h1 != h2                                   # a fresh salt each time
    assert auth.verify_password(h1, "salainen-1") and auth.verify_password(h2, "salainen-1")
    assert not auth.verify_password(h1, "salainen-2")
    assert not auth.verify_password(h1, "")
    assert not auth.verify_password("$argon2id$garbage", "salainen-1")
    with pytest.raises(auth.AuthError):
        auth.hash_password("")


def test_test_profile_is_cheap_and_default_is_argon2_recommended(monkeypatch):
    p = extract_parameters(auth.hash_password("x" * 8))
    assert (p.time_cost, p.memory_cost, p.parallelism) == (1, 8, 1)
    monkeypatch.delenv(auth.PROFILE_ENV)
    d, ref = extract_parameters(auth.hash_password("x" * 8)), PasswordHasher()
    assert (d.time_cost, d.memory_cost, d.parallelism) == (ref.time_cost, ref.memory_cost, ref.parallelism)
    assert d.memory_cost >= 65536 and d.time_cost >= 3   # RFC 9106 low-memory profile (64 MiB, t=3)


def test_password_policy():
    auth.check_password_policy("12345678")
    with pytest.raises(auth.AuthError, match="at least 8"):
        auth.check_password_policy("1234567")


# ------------------------------------------------------------------ the users file

def test_local_mode_when_variable_unset(monkeypatch, tmp_path):
    assert auth.local_mode() and auth.users_file() is None
    monkeypatch.setenv(auth.USERS_ENV, str(tmp_path / "u.yaml"))
    assert not auth.local_mode() and auth.users_file() == tmp_path / "u.yaml"


def test_variable_set_but_empty_is_an_error_not_local_mode(monkeypatch):
    monkeypatch.setenv(auth.USERS_ENV, "  ")
    assert not auth.local_mode()
    with pytest.raises(auth.UsersFileError) as e:
        auth.users_file()
    assert "set but empty" in e.value.render() and "tyhjä" in e.value.render()


def test_missing_users_file_refuses_log_in(monkeypatch, tmp_path):
    missing = tmp_path / "nope.yaml"
    monkeypatch.setenv(auth.USERS_ENV, str(missing))
    with pytest.raises(auth.UsersFileError) as e:
        login("anna", PW["anna"])
    text = e.value.render()
    assert str(missing) in text and "not found" in text and "ei löydy" in text


def test_authenticate_in_local_mode_is_an_error():
    with pytest.raises(auth.AuthError, match="local mode"):
        login("anna", "whatever")


def test_world_writable_users_file_is_refused(users):
    users.chmod(0o666)
    with pytest.raises(auth.UsersFileError, match="chmod 600"):
        auth.load_users(users)


GOOD_HASH = "$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$kWkD0cZ3X6qk0D1Iqjb0ZJ7Xq3aXsC8Jd9r3qN1J6XE"


@pytest.mark.parametrize("text, where, en, fi", [
    ("", "", "one key 'users'", "avain 'users'"),
    ("- a\n- b\n", "", "one key 'users'", "avain 'users'"),
    ("users: {}\n", "users", "at least one user", "vähintään yksi"),
    ("users:\n  anna: {role: director, unit: varkaus, password_hash: H}\n  anna: {role: viewer, password_hash: H}\n",
     "line 3", "duplicate key 'anna'", "toistuu"),
    ("users:\n  Anna: {role: viewer, password_hash: H}\n", "users.Anna", "lower case", "pienin kirjaimin"),
    ("users:\n  ../x: {role: viewer, password_hash: H}\n", "users.../x", "a user name", "käyttäjätunnus"),
    ("users:\n  anna: {role: boss, password_hash: H}\n", "users.anna.role", "director, coordinator, viewer", "odotettiin"),
    ("users:\n  anna: {role: local, password_hash: H}\n", "users.anna.role", "got 'local'", "saatiin"),
    ("users:\n  unknown: {role: coordinator, password_hash: H}\n", "users.unknown", "reserved", "varattu"),
    ("users:\n  local: {role: coordinator, password_hash: H}\n", "users.local", "reserved", "varattu"),
    ("users:\n  anna: {role: director, password_hash: H}\n", "users.anna.unit", "needs a unit", "yksikkö"),
    ("users:\n  anna: {role: director, unit: kuopio, password_hash: H}\n", "users.anna.unit", "got 'kuopio'", "saatiin"),
    ("users:\n  anna: {role: viewer, unit: varkaus, password_hash: H}\n", "users.anna.unit", "only directors", "vain johtajalla"),
    ("users:\n  anna: {role: viewer, password_hash: H, admin: true}\n", "users.anna.admin", "unknown field", "tuntematon"),
    ("users:\n  anna: {role: viewer}\n", "users.anna.password_hash", "argon2id hash", "argon2id-tiiviste"),
    ("users:\n  anna: {role: viewer, password_hash: salasana}\n", "users.anna.password_hash", "argon2id", "argon2id"),
    ("users:\n  anna: {role: viewer, password_hash: '$2b$12$abcdefghijklmnopqrstuv'}\n",
     "users.anna.password_hash", "argon2id", "argon2id"),   # bcrypt is not accepted
    ("users:\n  anna: {role: viewer, password_hash: '$argon2i$v=19$m=8,t=1,p=1$c29tZXNhbHQ$aGFzaA'}\n",
     "users.anna.password_hash", "argon2id", "argon2id"),
    ("users:\n  anna: viewer\n", "users.anna", "expected role", "odotettiin"),
    ("users: [1\n", "line 2", "YAML syntax error", "YAML-syntaksivirhe"),
    ("users:\n  anna: !!python/object:os.system {}\n", "line 2", "!!python/object:os.system is not allowed",
     "ei ole sallittu"),   # the scenario loader's rule (its limits read the users file too)
])
def test_users_file_problems_are_named(text, where, en, fi, tmp_path):
    path = tmp_path / "users.yaml"
    path.write_text(text.replace(": H", ": " + repr(GOOD_HASH)), encoding="utf-8")
    path.chmod(0o600)
    with pytest.raises(auth.UsersFileError) as e:
        auth.load_users(path)
    rendered = e.value.render()
    assert rendered.startswith(str(path)), rendered
    assert f"{path}: {where}".rstrip() in rendered and en in rendered and fi in rendered, rendered


def test_every_problem_is_reported_at_once(tmp_path):
    path = tmp_path / "users.yaml"
    path.write_text("users:\n  a: {role: director}\n  b: {role: boss, password_hash: x}\n", encoding="utf-8")
    path.chmod(0o600)
    with pytest.raises(auth.UsersFileError) as e:
        auth.load_users(path)
    wheres = [w for w, _, _ in e.value.problems]
    assert wheres == ["users.a.unit", "users.a.password_hash", "users.b.role", "users.b.password_hash"]


def test_written_file_round_trips_with_mode_0600(tmp_path):
    path = make_users(tmp_path / "users.yaml")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    recs = auth.load_users(path)
    assert {n: (r.role, r.unit) for n, r in recs.items()} == {
        "anna": ("director", "varkaus"), "ville": ("viewer", None), "kaisa": ("coordinator", None)}
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


# ------------------------------------------------------------------ authenticate

def test_authenticate_returns_the_access_user(users):
    assert login("anna", PW["anna"]) == User("anna", "director", "varkaus")
    assert login(" Ville ", PW["ville"]) == User("ville", "viewer", None)   # name case and spaces ignored
    assert login("kaisa", PW["kaisa"]) == User("kaisa", "coordinator", None)


def test_unknown_user_and_wrong_password_get_the_same_message(users):
    msgs = []
    for name, pw in (("anna", "wrong-password"), ("nobody", PW["anna"]), ("anna", ""), ("", ""),
                     ("a" * 200, "x"), ("../etc", "x")):
        with pytest.raises(auth.AuthError) as e:
            login(name, pw)
        assert type(e.value) is auth.AuthError
        msgs.append(e.value.render())
    assert set(msgs) == {BAD}
    assert login("anna", PW["anna"]).name == "anna"   # 1 failure for anna, then a success


def test_password_never_appears_in_messages_or_files(users, tmp_path):
    secret = "Very-Secret-Passw0rd"
    for _ in range(6):
        with pytest.raises(auth.AuthError) as e:
            login("anna", secret)
        assert secret not in e.value.render()
    for f in tmp_path.rglob("*"):
        if f.is_file():
            assert secret.encode() not in f.read_bytes(), f


# ------------------------------------------------------------------ rate limiting (fake clock)

def fail(name, clock, times=1):
    for _ in range(times):
        with pytest.raises(auth.AuthError) as e:
            login(name, "wrong-password", clock)
        assert type(e.value) is auth.AuthError, e.value.render()
        clock.t += 1


def test_sixth_attempt_after_five_failures_is_refused_even_with_the_right_password(users):
    clock = Clock()
    fail("anna", clock, 5)                          # t = T .. T+4; the 5th locks until T+4+300
    with pytest.raises(auth.RateLimited) as e:
        login("anna", PW["anna"], clock)            # t = T+5
    assert e.value.retry_after == pytest.approx(299)   # (T+4+300) − (T+5)
    assert "Try again in 5 min" in e.value.render() and "5 min kuluttua" in e.value.render()
    clock.t = 1_000_000 + 4 + 300                   # the lockout has ended
    assert login("anna", PW["anna"], clock).role == "director"
    assert auth.RateLimiter(auth.attempts_path(users), clock).status("anna") == login_limits.LimitState(0, 0, None)


def test_other_names_are_not_affected(users):
    clock = Clock()
    fail("anna", clock, 5)
    assert login("ville", PW["ville"], clock).name == "ville"


def test_unknown_names_are_rate_limited_too(users):
    clock = Clock()
    fail("nobody", clock, 5)
    with pytest.raises(auth.RateLimited):
        login("nobody", "x", clock)


def test_failures_outside_the_15_minute_window_do_not_count(users):
    clock = Clock(0.0)
    fail("anna", clock, 4)          # t = 0, 1, 2, 3
    clock.t = 1000.0                # > 900 s later: those four fall out of the window
    fail("anna", clock, 4)          # t = 1000 .. 1003: four in the window
    assert auth.RateLimiter(auth.attempts_path(users), clock).status("anna").failures == 4
    assert login("anna", PW["anna"], clock).name == "anna"


def test_success_resets_the_count(users):
    clock = Clock()
    fail("anna", clock, 4)
    login("anna", PW["anna"], clock)
    fail("anna", clock, 4)
    assert login("anna", PW["anna"], clock).name == "anna"


def test_lockout_doubles_up_to_one_hour(users):
    clock = Clock(0.0)
    expected = [300, 600, 1200, 2400, 3600, 3600]   # 300·2^(n−1) s, capped at 3600
    for n, seconds in enumerate(expected, start=1):
        fail("anna", clock, 4)
        with pytest.raises(auth.AuthError):
            login("anna", "wrong", clock)            # the 5th failure locks at time t
        locked_at = clock.t
        st = auth.RateLimiter(auth.attempts_path(users), clock).status("anna")
        assert (st.lockouts, st.locked_until) == (n, locked_at + seconds)
        clock.t = locked_at + seconds - 1
        with pytest.raises(auth.RateLimited):
            login("anna", PW["anna"], clock)
        clock.t = locked_at + seconds                # just free again


def test_lockout_count_is_forgotten_after_a_quiet_day(users):
    clock = Clock(0.0)
    fail("anna", clock, 5)                                          # lockout 1: 300 s from t = 4
    clock.t = 4 + 300 + 24 * 3600 + 1
    fail("anna", clock, 5)
    st = auth.RateLimiter(auth.attempts_path(users), clock).status("anna")
    assert st.lockouts == 1 and st.locked_until == clock.t - 1 + 300   # 300 s again, not 600


def test_state_survives_a_restart_and_is_private_json(users, tmp_path):
    clock = Clock()
    fail("anna", clock, 3)
    path = auth.attempts_path(users)
    assert path == tmp_path / "ws" / ".auth" / "login_attempts.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = json.loads(path.read_text())
    assert data["anna"]["failures"] == [1_000_000, 1_000_001, 1_000_002]
    # a new limiter (as in a new process) sees the same three failures
    assert auth.RateLimiter(path, clock).status("anna").failures == 3


def test_state_in_the_user_scenario_folder_without_a_workspace(users, monkeypatch, tmp_path):
    monkeypatch.delenv(login_limits.WORKSPACE_ENV)
    monkeypatch.setenv("SIMULATOR_USER_DIR", str(tmp_path / "user"))
    assert auth.attempts_path(users) == tmp_path / "user" / ".auth" / "login_attempts.json"
    fail("anna", Clock(), 1)
    assert json.loads(auth.attempts_path(users).read_text())["anna"]["failures"] == [1_000_000]


def test_damaged_state_file_refuses_log_in(users):
    path = auth.attempts_path(users)
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    with pytest.raises(auth.AuthError) as e:
        login("anna", PW["anna"])
    assert str(path) in e.value.render() and "damaged" in e.value.render()


def test_unwritable_state_location_refuses_log_in(users, monkeypatch, tmp_path):
    blocker = tmp_path / "a_file"
    blocker.write_text("")
    monkeypatch.setenv(login_limits.WORKSPACE_ENV, str(blocker / "ws"))   # a folder inside a file: cannot exist
    with pytest.raises(auth.AuthError) as e:
        login("anna", PW["anna"])
    assert "log-in refused" in e.value.render() and "kirjautuminen estetty" in e.value.render()


CHILD = r"""
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from simulator.store import auth
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.005)
bad = limited = 0
for _ in range(int(sys.argv[3])):
    try:
        auth.authenticate("anna", "wrong-password", clock=lambda: 5000.0)
    except auth.RateLimited:
        limited += 1
    except auth.AuthError:
        bad += 1
print(bad, limited)
"""


def test_the_limit_holds_across_processes(users, tmp_path):
    """Four processes try 5 wrong passwords each at the same (frozen) moment:
    exactly 5 attempts in total get checked, the other 15 are refused."""
    go = tmp_path / "go"
    env = dict(os.environ)
    procs = [subprocess.Popen([sys.executable, "-c", CHILD, str(ROOT), str(go), "5"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    time.sleep(0.5)          # let them import and wait at the start line
    go.write_text("")
    outs = [p.communicate(timeout=60) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    counts = [tuple(map(int, o.split())) for o, _ in outs]
    assert sum(b for b, _ in counts) == 5 and sum(l for _, l in counts) == 15, counts
    st = auth.RateLimiter(auth.attempts_path(users), Clock(5000.0)).status("anna")
    assert (st.lockouts, st.locked_until) == (1, 5000.0 + 300)


# ------------------------------------------------------------------ the users command line

def run_cli(argv, capsys, monkeypatch, stdin=""):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(["users", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_hash_password(capsys, monkeypatch):
    code, out, err = run_cli(["hash-password", "--stdin"], capsys, monkeypatch, "uusi-salasana\n")
    assert code == 0 and err == ""
    assert auth.verify_password(out.strip(), "uusi-salasana")
    # getpass twice; a mismatch writes nothing on stdout
    answers = iter(["eka-salasana", "toka-salasana"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    code, out, err = run_cli(["hash-password"], capsys, monkeypatch)
    assert (code, out) == (2, "") and "do not match" in err and "eivät täsmää" in err
    answers = iter(["sama-salasana", "sama-salasana"])
    code, out, err = run_cli(["hash-password"], capsys, monkeypatch)
    assert code == 0 and auth.verify_password(out.strip(), "sama-salasana")


@pytest.mark.parametrize("stdin, expect", [("lyhyt\n", "at least 8"), ("", "No password"), ("\n", "empty")])
def test_cli_hash_password_bad_input(stdin, expect, capsys, monkeypatch):
    code, out, err = run_cli(["hash-password", "--stdin"], capsys, monkeypatch, stdin)
    assert (code, out) == (2, "") and expect in err


def test_cli_add_list_check_remove(tmp_path, capsys, monkeypatch):
    f = tmp_path / "srv" / "users.yaml"
    f.parent.mkdir()
    code, out, err = run_cli(["add", "anna", "--role", "director", "--unit", "varkaus", "--file", str(f),
                              "--stdin"], capsys, monkeypatch, PW["anna"] + "\n")
    assert code == 0 and "added anna" in out, err
    assert stat.S_IMODE(f.stat().st_mode) == 0o600
    code, out, err = run_cli(["add", "ville", "--role", "viewer", "--file", str(f), "--stdin"],
                             capsys, monkeypatch, PW["ville"] + "\n")
    assert code == 0
    assert auth.authenticate("anna", PW["anna"], path=f).unit == "varkaus"

    code, out, err = run_cli(["list", "--file", str(f)], capsys, monkeypatch)
    assert code == 0 and "anna" in out and "director" in out and "varkaus" in out and "ville" in out
    assert "$argon2" not in out and "$argon2" not in err
    code, out, _ = run_cli(["list", "--file", str(f), "--format", "json"], capsys, monkeypatch)
    assert [(u["name"], u["role"], u["unit"]) for u in json.loads(out)["users"]] == [
        ("anna", "director", "varkaus"), ("ville", "viewer", None)]

    code, out, _ = run_cli(["check", "anna", "--file", str(f), "--stdin"], capsys, monkeypatch, PW["anna"] + "\n")
    assert code == 0 and "password matches" in out and "not locked" in out
    code, out, _ = run_cli(["check", "anna", "--file", str(f), "--stdin"], capsys, monkeypatch, "wrong\n")
    assert code == 1 and "does NOT match" in out
    # check does not count as a log-in attempt; real failures are shown
    for _ in range(2):
        with pytest.raises(auth.AuthError):
            auth.authenticate("anna", "wrong", path=f)
    code, out, _ = run_cli(["check", "anna", "--file", str(f), "--stdin"], capsys, monkeypatch, PW["anna"] + "\n")
    assert ": 2 (limit / raja 5)" in out

    # role change keeping the password
    code, out, _ = run_cli(["add", "anna", "--role", "coordinator", "--keep-password", "--file", str(f)],
                           capsys, monkeypatch)
    assert code == 0 and "updated anna" in out
    assert auth.authenticate("anna", PW["anna"], path=f) == User("anna", "coordinator", None)

    code, out, _ = run_cli(["remove", "ville", "--file", str(f)], capsys, monkeypatch)
    assert code == 0 and set(auth.load_users(f)) == {"anna"}
    assert [p.name for p in f.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_cli_uses_the_variable_when_no_file_is_given(users, capsys, monkeypatch):
    code, out, _ = run_cli(["list"], capsys, monkeypatch)
    assert code == 0 and str(users) in out and "kaisa" in out


def test_cli_check_shows_a_lockout_and_unlock_clears_it(users, capsys, monkeypatch):
    fail("anna", Clock(time.time()), 5)
    code, out, _ = run_cli(["check", "anna", "--stdin"], capsys, monkeypatch, PW["anna"] + "\n")
    assert code == 0 and "locked until" in out and "lockouts / estoja: 1" in out
    with pytest.raises(auth.RateLimited):
        login("anna", PW["anna"])
    code, out, _ = run_cli(["unlock", "anna"], capsys, monkeypatch)
    assert code == 0
    assert login("anna", PW["anna"]).name == "anna"


@pytest.mark.parametrize("argv, stdin, expect_en, expect_fi", [
    (["add", "Anna", "--role", "viewer"], "pitkä-salasana\n", "Bad user name 'Anna'", "Virheellinen käyttäjätunnus"),
    (["add", "../x", "--role", "viewer"], "pitkä-salasana\n", "Bad user name", "Virheellinen"),
    (["add", "x", "--role", "boss"], "pitkä-salasana\n", "--role: expected one of", "odotettiin"),
    (["add", "x", "--role", "local"], "pitkä-salasana\n", "got 'local'", "saatiin 'local'"),
    (["add", "x", "--role", "director"], "pitkä-salasana\n", "A director needs --unit", "Johtajalla"),
    (["add", "x", "--role", "director", "--unit", "kuopio"], "pitkä-salasana\n", "got 'kuopio'", "saatiin"),
    (["add", "x", "--role", "viewer", "--unit", "varkaus"], "pitkä-salasana\n", "Only directors", "Vain johtajalla"),
    (["add", "x", "--role", "viewer"], "lyhyt\n", "at least 8", "vähintään 8"),
    (["add", "x", "--role", "viewer", "--keep-password"], "", "no user 'x'", "ei ole"),
    (["remove", "x"], "", "there is no user 'x'", "käyttäjää 'x' ei ole"),
    (["check", "x"], "", "there is no user 'x'", "käyttäjää 'x' ei ole"),
    (["list", "--format", "xml"], "", "--format: expected table or json", "odotettiin"),
])
def test_cli_bad_input_changes_nothing(argv, stdin, expect_en, expect_fi, users, capsys, monkeypatch):
    before = users.read_bytes()
    code, out, err = run_cli(argv + ["--stdin"] if argv[0] in ("add", "check") else argv,
                             capsys, monkeypatch, stdin)
    assert code == 2 and out == "" and expect_en in err and expect_fi in err, err
    assert "Traceback" not in err
    assert users.read_bytes() == before


def test_cli_refuses_to_remove_the_last_user(tmp_path, capsys, monkeypatch):
    f = tmp_path / "users.yaml"
    run_cli(["add", "anna", "--role", "viewer", "--file", str(f), "--stdin"], capsys, monkeypatch, "pitkä-salasana\n")
    before = f.read_bytes()
    code, out, err = run_cli(["remove", "anna", "--file", str(f)], capsys, monkeypatch)
    assert code == 2 and "only user" in err and "ainoa" in err and f.read_bytes() == before


def test_cli_refuses_to_change_an_invalid_file(tmp_path, capsys, monkeypatch):
    f = tmp_path / "users.yaml"
    f.write_text("users:\n  anna: {role: boss}\n")
    f.chmod(0o600)
    code, out, err = run_cli(["add", "ville", "--role", "viewer", "--file", str(f), "--stdin"],
                             capsys, monkeypatch, "pitkä-salasana\n")
    assert code == 2 and "users.anna.role" in err and f.read_text() == "users:\n  anna: {role: boss}\n"


def test_cli_needs_a_file(capsys, monkeypatch):
    code, out, err = run_cli(["list"], capsys, monkeypatch)
    assert code == 2 and "--file PATH" in err and "--file POLKU" in err


def test_cli_missing_folder(tmp_path, capsys, monkeypatch):
    f = tmp_path / "no" / "such" / "users.yaml"
    code, _, err = run_cli(["add", "x", "--role", "viewer", "--file", str(f), "--stdin"], capsys, monkeypatch,
                           "pitkä-salasana\n")
    assert code == 2 and "does not exist" in err and not f.parent.exists()


def test_cli_refuses_a_world_readable_file(users, capsys, monkeypatch):
    users.chmod(0o644)
    code, _, err = run_cli(["list"], capsys, monkeypatch)
    assert code == 2 and f"chmod 600 {users}" in err and "0644" in err and "salasanatiivisteet" in err


def test_cli_as_a_program():
    """End to end through ``python -m simulator``: a bad role exits 2 with both languages, no traceback."""
    r = subprocess.run([sys.executable, "-m", "simulator", "users", "add", "x", "--role", "boss", "--file",
                        "/nonexistent/users.yaml", "--stdin"], cwd=ROOT, input="pitkä-salasana\n",
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and r.stdout == ""
    assert "--role: expected one of" in r.stderr and "odotettiin" in r.stderr and "Traceback" not in r.stderr


def test_readme_example_users_file_is_valid():
    """The README's example users file has the documented shape (its hashes are made up)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Jaettu palvelin / Running on a shared server"):]
    block = section[section.index("```yaml\n") + 8:]
    block = block[:block.index("```")]
    recs = auth.parse_users(block, "README.md")
    assert {n: (r.role, r.unit) for n, r in recs.items()} == {
        "m1-johtaja": ("director", "varkaus"), "koordinaattori": ("coordinator", None), "hallitus": ("viewer", None)}


def test_cli_unwritable_folder_is_a_clear_error(tmp_path, capsys, monkeypatch):
    f = tmp_path / "users.yaml"
    run_cli(["add", "anna", "--role", "viewer", "--file", str(f), "--stdin"], capsys, monkeypatch, "pitkä-salasana\n")
    before = f.read_bytes()

    def refuse(*a, **k):
        raise PermissionError(13, "Permission denied", str(tmp_path))
    from simulator.store import fsutil
    monkeypatch.setattr(fsutil.tempfile, "mkstemp", refuse)   # as if the folder were read-only (tests run as root)
    code, out, err = run_cli(["add", "ville", "--role", "viewer", "--file", str(f), "--stdin"], capsys, monkeypatch,
                             "pitkä-salasana\n")
    assert code == 2 and out == "" and "Permission denied" in err and "mitään ei muutettu" in err
    assert "Traceback" not in err and f.read_bytes() == before


# ------------------------------------------------------------------ issue 17: permissions as strict as sshd's

@pytest.mark.parametrize("mode", [0o600, 0o400, 0o640, 0o440])
def test_private_modes_are_accepted(users, mode):
    users.chmod(mode)
    assert set(auth.load_users(users)) == {"anna", "ville", "kaisa"}


@pytest.mark.parametrize("mode, warned", [(0o600, False), (0o400, False), (0o640, True), (0o440, True)])
def test_list_warns_when_the_group_may_read_the_file(users, mode, warned, capsys, monkeypatch):
    """Group read passes the permission check (above); ``users list`` says so. Others
    reading is refused before any warning could be printed (below)."""
    users.chmod(mode)
    code, out, err = run_cli(["list", "--file", str(users)], capsys, monkeypatch)
    assert code == 0 and "anna" in out
    assert ("can be read by its group" in err and f"(mode {mode:04o})" in err
            and "ryhmä voi lukea" in err) is warned, err


@pytest.mark.parametrize("mode, en, fi", [
    (0o644, "lets anyone read the file (it holds password hashes)", "kenen tahansa lukea"),
    (0o604, "lets anyone read the file", "kenen tahansa lukea"),
    (0o620, "lets the group write the file", "ryhmän kirjoittaa"),
    (0o660, "lets the group write the file", "ryhmän kirjoittaa"),
    (0o602, "lets others write the file", "muiden kirjoittaa"),
    (0o666, "lets others write the file", "muiden kirjoittaa"),
    (0o777, "lets others write the file", "muiden kirjoittaa"),
])
def test_users_file_others_may_read_or_write_is_refused(users, mode, en, fi):
    users.chmod(mode)
    with pytest.raises(auth.UsersFileError) as e:
        auth.load_users(users)
    msg = e.value.render()
    assert msg.startswith(str(users)) and f"mode {mode:04o}" in msg and f"oikeudet {mode:04o}" in msg
    assert en in msg and fi in msg and f"chmod 600 {users}" in msg
    with pytest.raises(auth.UsersFileError):          # log-in refuses too, never falls back
        login("anna", PW["anna"])


def test_users_file_of_another_account_is_refused(users, monkeypatch):
    os.chown(users, 12345, 12345)
    monkeypatch.setattr(auth.os, "geteuid", lambda: 1000)     # as the app's account, not root
    os.chown(users.parent, 1000, 1000)
    with pytest.raises(auth.UsersFileError) as e:
        auth.load_users(users)
    msg = e.value.render()
    assert "belongs to user id 12345" in msg and "(id 1000)" in msg and "omistaa käyttäjä 12345" in msg
    os.chown(users, 1000, 1000)                                # its own: accepted
    assert "anna" in auth.load_users(users)
    os.chown(users, 0, 0)                                      # root's (like sshd): accepted
    assert "anna" in auth.load_users(users)


def test_root_accepts_any_owner(users):
    os.chown(users, 12345, 12345)
    if os.geteuid() == 0:
        assert "anna" in auth.load_users(users)


@pytest.mark.parametrize("folder_mode", [0o770, 0o777, 0o1777, 0o720])
def test_users_file_in_a_folder_others_may_write_is_refused(tmp_path, folder_mode):
    folder = tmp_path / "etc"
    folder.mkdir()
    path = make_users(folder / "users.yaml")
    folder.chmod(folder_mode)
    try:
        with pytest.raises(auth.UsersFileError) as e:
            auth.load_users(path)
    finally:
        folder.chmod(0o700)
    msg = e.value.render()
    assert f"its folder {folder} has mode {folder_mode:04o}" in msg and f"chmod go-w {folder}" in msg
    assert f"sen kansion {folder} oikeudet ovat {folder_mode:04o}" in msg


def test_folder_of_another_account_is_refused(tmp_path, monkeypatch):
    path = make_users(tmp_path / "users.yaml")
    monkeypatch.setattr(auth.os, "geteuid", lambda: 1000)
    os.chown(path, 1000, 1000)
    os.chown(tmp_path, 4242, 4242)
    try:
        with pytest.raises(auth.UsersFileError) as e:
            auth.load_users(path)
    finally:
        os.chown(tmp_path, 0, 0)
    assert f"its folder {tmp_path} belongs to user id 4242" in e.value.render()


def test_a_linked_users_file_is_checked_where_it_points_and_never_replaced(tmp_path, capsys, monkeypatch):
    real = make_users(tmp_path / "users.yaml")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    assert "anna" in auth.load_users(link)          # reading through an administrator's link is fine
    real.chmod(0o644)                                # the target's mode counts
    with pytest.raises(auth.UsersFileError, match="0644"):
        auth.load_users(link)
    real.chmod(0o600)
    before = real.read_bytes()
    code, out, err = run_cli(["add", "uusi", "--role", "viewer", "--file", str(link), "--stdin"], capsys,
                             monkeypatch, "pitkä-salasana\n")
    assert code == 2 and "symbolic link" in err and "symbolinen linkki" in err and "Traceback" not in err
    assert link.is_symlink() and real.read_bytes() == before


# ------------------------------------------------------------------ issue 17: a users file nested 500 levels

@pytest.mark.parametrize("body", [
    "[" * 500 + "1" + "]" * 500,
    "{a: " * 500 + "1" + "}" * 500,
    "\n" + "".join("  " * (i + 2) + "a:\n" for i in range(500)) + "  " * 502 + "1",
])
def test_a_deeply_nested_users_file_is_a_clear_error(tmp_path, body):
    path = tmp_path / "users.yaml"
    path.write_text("users:\n  anna: " + body + "\n", encoding="utf-8")
    path.chmod(0o600)
    t0 = time.perf_counter()
    with pytest.raises(auth.UsersFileError) as e:
        auth.load_users(path)
    assert time.perf_counter() - t0 < 5
    msg = e.value.render()
    assert msg.startswith(str(path)) and "nested more than" in msg and "sisäkkäisiä tasoja" in msg


def test_a_deeply_nested_users_file_gives_no_traceback_in_any_command(tmp_path, monkeypatch):
    path = tmp_path / "users.yaml"
    path.write_text("users:\n  anna: " + "[" * 500 + "1" + "]" * 500 + "\n", encoding="utf-8")
    path.chmod(0o600)
    env = {**os.environ, "SIMULATOR_USERS": str(path), "SIMULATOR_WORKSPACE": str(tmp_path / "ws"),
           "SIMULATOR_PASSWORD": "x"}
    scen = tmp_path / "s.yaml"
    scen.write_text("base: varkaus_cooperative\nname: S\n", encoding="utf-8")
    for argv in (["users", "list"], ["users", "check", "anna"],
                 ["save", str(scen), "--as", "s", "--user", "anna"]):
        r = subprocess.run([sys.executable, "-m", "simulator", *argv], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=120)
        assert r.returncode == 2 and "Traceback" not in r.stderr, (argv, r.stderr)
        assert "nested more than" in r.stderr and str(path) in r.stderr, (argv, r.stderr)


# ------------------------------------------------------------------ issue 17: a bounded failures file

def test_a_flood_of_unknown_names_keeps_the_file_bounded_and_real_names_locked(users, monkeypatch):
    monkeypatch.setattr(login_limits, "MAX_OTHER_NAMES", 30)
    clock = Clock()
    fail("anna", clock, 3)                        # a real user's three failures
    for i in range(200):                          # then 200 made-up names
        fail(f"nobody{i}", clock)
    data = json.loads(auth.attempts_path(users).read_text())
    assert len(data) == 30 + 1                    # 30 other names + anna (never dropped)
    assert "anna" in data and "nobody199" in data and "nobody0" not in data
    assert data["anna"]["failures"] == [1_000_000, 1_000_001, 1_000_002]
    fail("anna", clock, 2)                        # the 4th and 5th: locked as before
    with pytest.raises(auth.RateLimited):
        login("anna", PW["anna"], clock)


def test_the_name_being_tried_is_never_dropped(users, monkeypatch):
    monkeypatch.setattr(login_limits, "MAX_OTHER_NAMES", 3)
    clock = Clock()
    fail("mallory", clock, 4)
    clock.t += 10
    for i in range(5):
        fail(f"x{i}", clock)
    data = json.loads(auth.attempts_path(users).read_text())
    assert "mallory" not in data and len(data) == 3     # the oldest other name went first
    fail("x0", clock)                                      # back again: counted from scratch
    assert auth.RateLimiter(auth.attempts_path(users), clock).status("x0").failures == 1


def test_an_old_oversized_file_is_cut_down_on_the_next_attempt(users, monkeypatch):
    monkeypatch.setattr(login_limits, "MAX_OTHER_NAMES", 100)
    path = auth.attempts_path(users)
    path.parent.mkdir(parents=True)
    now = 1_000_000.0
    path.write_text(json.dumps({f"n{i}": {"failures": [now - 10], "lockouts": 0, "last": now - 10}
                                for i in range(5000)}))
    fail("nobody", Clock(now))
    data = json.loads(path.read_text())
    assert len(data) == 100 and "nobody" in data          # 99 of the old names + the one tried
