"""Demo accounts: the municipality and one login per role (the README lists them).

Roles go through ``user_set_roles``, so the team and institution groups follow as they do when
an administrator sets them.
"""

from __future__ import annotations

from stu_case.accounts.models import Municipality, User
from stu_case.accounts.services import user_set_roles

MUNICIPALITY_NAME = "Vejle Kommune"
MUNICIPALITY_CODE = "630"

# (username, first name, last name, roles, job title)
MUNICIPAL_USERS = (
    ("uu", "Mette", "Lund", ["uu"], "UU-vejleder"),
    ("jobcenter", "Anders", "Kristensen", ["jobcenter"], "Virksomhedskonsulent, Jobcenter Vejle"),
    ("forvaltning", "Camilla", "Holm", ["forvaltning"], "Socialrådgiver, Handicap og Psykiatri"),
    ("visitation", "Jens", "Pedersen", ["visitation"], "Formand for visitationsudvalget"),
    ("leder", "Birgitte", "Thomsen", ["leder"], "Leder af Ungeindsatsen"),
)

# What ``seed_demo`` prints after the run: every demo login and who it is.
LOGINS = (
    ("uu", "UU/KUI-vejleder, kontaktperson for de fleste unge"),
    ("jobcenter", "Jobcenter"),
    ("forvaltning", "Social- og handicapforvaltning"),
    ("visitation", "Visitationsudvalget"),
    ("leder", "Leder (læseadgang og overblik)"),
    ("institution", "Medarbejder på STU Vejle"),
    ("institution2", "Medarbejder på Vejle Produktionsskole"),
    ("admin", "Administrator (Django admin)"),
)


def demo_exists() -> bool:
    return Municipality.objects.filter(name=MUNICIPALITY_NAME).exists() or (
        Municipality.objects.filter(code=MUNICIPALITY_CODE).exists()
    )


def make_municipality() -> Municipality:
    municipality = Municipality(name=MUNICIPALITY_NAME, code=MUNICIPALITY_CODE)
    municipality.full_clean(exclude=["team_group"])
    municipality.save()
    return municipality


def make_user(
    *,
    username: str,
    password: str | None,
    roles=(),
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    job_title: str = "",
    municipality=None,
    is_superuser: bool = False,
) -> User:
    """A user with ``roles`` (role group names); ``password=None`` gives no login."""
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        job_title=job_title,
        municipality=municipality,
        is_staff=is_superuser,
        is_superuser=is_superuser,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    if roles:
        user_set_roles(user=user, role_names=list(roles))
    return user


def make_municipal_users(*, municipality, password: str) -> dict[str, User]:
    """The municipal logins and the administrator, by username."""
    users = {
        username: make_user(
            username=username,
            first_name=first,
            last_name=last,
            job_title=title,
            email=f"{username}@vejle.example",
            municipality=municipality,
            password=password,
            roles=roles,
        )
        for username, first, last, roles, title in MUNICIPAL_USERS
    }
    users["admin"] = make_user(
        username="admin",
        first_name="System",
        last_name="Administrator",
        email="admin@vejle.example",
        password=password,
        is_superuser=True,
    )
    return users
