"""Second factor for the demo accounts that need one (supervisor, admin).

The demo gives them a fixed, published TOTP secret so that anyone trying the demo can sign in
without an authenticator app: `flask desk demo-code` prints the current codes. Demo data only:
the command refuses to run under the production configuration or for any other account.
"""

import click
import pyotp
from flask import current_app
from flask.cli import with_appcontext

from ..auth.twofactor import needs_two_factor
from ..common.clock import utcnow

DEMO_DOMAIN = "@demo.test"
# Published on purpose (README): it protects nothing but demo data.
DEMO_TOTP_SECRET = "SPORTELLODEMOTOTPSECRETAAAAAAAAA"


def enrol_demo_second_factor(users) -> None:
    for user in users:
        if user.email.endswith(DEMO_DOMAIN) and needs_two_factor(user) and user.totp_secret is None:
            user.totp_secret = DEMO_TOTP_SECRET
            user.totp_enabled_at = utcnow()


@click.command("demo-code")
@with_appcontext
def demo_code_command():
    """Print the current second-factor code of the demo supervisor and admin accounts."""
    if current_app.config.get("CONFIG_NAME") == "production":
        raise click.ClickException("Not available in production.")
    code = pyotp.TOTP(DEMO_TOTP_SECRET).now()
    click.echo(f"{code}  (for supervisore@demo.test and admin@demo.test; a new code every 30 s)")
