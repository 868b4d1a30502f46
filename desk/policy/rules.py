"""The access rules, each written once as a SQL condition.

- Everyone sees only the records of their own site(s).
- Desk operators: people and cases of their sites; timeline entries visible to "all".
- Team members (mediators included): cases referred to one of their teams; "team" entries
  only of their own teams.
- Supervisors: everything of their sites except other teams' "team" entries.
- Admins: configuration, not case content.
- The service directory: the services of the provinces of my sites (whoever may read it).
- Partners: only the external referrals sent to their organisation.
- Coordinators: no record at all; only the figures of the sites of their province (or of the
  region), read through the "several sites at once" conditions below by desk/observatory,
  which publishes them after disclosure control (desk/observatory/disclosure.py).

Lists select through these conditions; loaders (policy.loaders) load one record through
them, so that the check of a single record is the same SQL as the list. The few checks made
in Python on a record already loaded (an entry's visibility, who may work a referral) are
tested to agree with the SQL on every role and record of a generated world
(tests/test_policy_agreement.py). Every condition is marked (`policy_marked`), so a test can
tell a query that went through the policy from one that did not (tests/test_policy_guard.py).
"""

from flask import has_request_context
from sqlalchemy import Select, and_, bindparam, exists, false, or_, select

from ..extensions import db
from ..models.attachments import Attachment
from ..models.cases import OPEN_STATUSES, Access, Case, Referral
from ..models.directory import Organisation, Service
from ..models.external_referrals import ExternalReferral, PartnerMember
from ..models.history import Note, TimelineEvent
from ..models.people import Person
from ..models.plan import Appointment
from ..models.procedures import ProcedureLocal
from ..models.register_imports import RegisterUpload
from ..models.sites import Site
from ..models.training import Training
from ..models.users import REGION
from .capabilities import CONTENT_ROLES, can

MARK = "access_policy"


def _marked(clause):
    """The condition, annotated so that a query built with it can be recognised."""
    return clause._annotate({MARK: True})


def policy_marked(element) -> bool:
    return bool(getattr(element, "_annotations", {}).get(MARK))


def _sees_whole_site(user) -> bool:
    return user.has_role("desk", "supervisor")


def _sees_content(user) -> bool:
    return user.has_role(*CONTENT_ROLES) and bool(user.site_ids)


# --- cases and people ---------------------------------------------------------------------------


def _referred_to_my_teams(user):
    """The case has a referral to one of the user's teams (correlated to Case only, so it stays
    right inside queries that also select Referral)."""
    team_ids = user.team_ids
    if not team_ids:
        return false()
    return exists().where(Referral.case_id == Case.id, Referral.team_id.in_(team_ids)).correlate(
        Case)


def _case_rule(user):
    if not _sees_content(user):
        return false()
    in_my_sites = Case.site_id.in_(user.site_ids)
    if _sees_whole_site(user):
        return in_my_sites
    return and_(in_my_sites, _referred_to_my_teams(user))


def case_condition(user):
    """Condition on Case: exactly the cases `user` may see."""
    return _marked(_case_rule(user))


def visible_cases(user) -> Select:
    return select(Case).where(case_condition(user))


def _person_rule(user):
    if not _sees_content(user):
        return false()
    in_my_sites = Person.site_id.in_(user.site_ids)
    if _sees_whole_site(user):
        return in_my_sites
    return and_(in_my_sites, exists().where(
        Case.person_id == Person.id, _case_rule(user)).correlate(Person))


def person_condition(user):
    """Condition on Person: the people of my sites (whole-site viewers), or with a case I see."""
    return _marked(_person_rule(user))


def visible_people(user) -> Select:
    return select(Person).where(person_condition(user))


# --- the shared history -------------------------------------------------------------------------


def entry_condition(user, model=TimelineEvent):
    """Condition on timeline events or notes: "all" entries, or "team" ones of my teams."""
    return _marked(_entry_rule(user, model))


def _entry_rule(user, model):
    team_ids = user.team_ids
    if not team_ids:
        return model.visibility == "all"
    return or_(model.visibility == "all", model.team_id.in_(team_ids))


def attachment_condition(user):
    """Condition on Attachment: a file on a person I see (on their record) or on a case I see,
    and, when it is confidential to a team, only for that team: the rule of notes."""
    if not _sees_content(user):
        return _marked(false())
    of_person = exists().where(Person.id == Attachment.person_id,
                               _person_rule(user)).correlate(Attachment)
    of_case = or_(Attachment.case_id.is_(None),
                  exists().where(Case.id == Attachment.case_id, _case_rule(user))
                  .correlate(Attachment))
    return _marked(and_(_entry_rule(user, Attachment), of_person, of_case))


def visible_attachments(user) -> Select:
    return select(Attachment).where(attachment_condition(user))


def can_view_entry(user, entry) -> bool:
    """The same rule as entry_condition, for an entry already loaded with its case."""
    return entry.visibility == "all" or entry.team_id in user.team_ids


def visible_events(user, case: Case) -> Select:
    return (
        select(TimelineEvent)
        .where(TimelineEvent.case_id == case.id, entry_condition(user, TimelineEvent))
        .order_by(TimelineEvent.occurred_at.desc(), TimelineEvent.id.desc())
    )


def visible_notes(user, case: Case) -> Select:
    return (
        select(Note)
        .where(Note.case_id == case.id, entry_condition(user, Note))
        .order_by(Note.created_at.desc(), Note.id.desc())
    )


# --- accesses, referrals, appointments ----------------------------------------------------------


def access_condition(user):
    """Condition on Access: an access belongs to its person's file. Whole-site viewers read
    the accesses of the people of their sites; team members, those recorded on a case they
    see. `Access.site_id` says where the access happened, and is what the figures count
    (accesses_of_sites): when a case is transferred to another site the person's file goes
    with it, so the receiving desk reads every earlier access and the sending desk none,
    while each access stays counted at the desk where it happened."""
    if not _sees_content(user):
        return _marked(false())
    if _sees_whole_site(user):
        return _marked(exists().where(Person.id == Access.person_id,
                                      Person.site_id.in_(user.site_ids)).correlate(Access))
    return _marked(exists().where(Case.id == Access.case_id, _case_rule(user))
                   .correlate(Access))


def visible_accesses(user) -> Select:
    return select(Access).where(access_condition(user))


def referral_condition(user):
    """Condition on Referral alone: its case is one `user` may see. A query that starts from a
    referral index (and stops early, with a LIMIT) tests each row's case by key."""
    return _marked(exists().where(Case.id == Referral.case_id, _case_rule(user))
                   .correlate(Referral))


def visible_referrals(user) -> Select:
    """Referrals of the cases `user` may see."""
    return select(Referral).join(Referral.case).where(case_condition(user))


def visible_appointments(user) -> Select:
    """Appointments on the cases `user` may see (joined to Case)."""
    return select(Appointment).join(Case, Appointment.case_id == Case.id).where(
        case_condition(user))


def visible_team_appointments(user, team) -> Select:
    """A team's appointments that `user` may see: those booked with the team, and those for
    which an interpreter was requested from it (joined to Case)."""
    interpreting = exists().where(Referral.appointment_id == Appointment.id,
                                  Referral.team_id == team.id).correlate(Appointment)
    return visible_appointments(user).where(or_(Appointment.team_id == team.id, interpreting))


def case_records(user, model, case_id: int) -> Select:
    """The rows of `model` (a table with case_id) that belong to one case `user` may see."""
    return (select(model).join(Case, Case.id == model.case_id)
            .where(model.case_id == case_id, case_condition(user)))


def person_records(user, model, person_id: int) -> Select:
    """The rows of `model` (a table with person_id) of one person `user` may see. `user` None
    is the system itself (a scheduled job, a command), never a request."""
    if user is None:
        if has_request_context():
            raise RuntimeError("a request reads a person's records only as its user")
        return select(model).where(_marked(model.person_id == person_id))
    return (select(model).join(Person, Person.id == model.person_id)
            .where(model.person_id == person_id, person_condition(user)))


# --- teams and their work -----------------------------------------------------------------------


def can_work_team(user, team) -> bool:
    """Work a team's queue: its members, or a supervisor of its site."""
    if team is None or team.site_id not in user.site_ids:
        return False
    if user.has_role("supervisor"):
        return True
    return user.has_role("team") and team.id in user.team_ids


OPEN_REFERRAL = OPEN_STATUSES


def _open_referral():
    # The statuses written into the SQL, not bound: so the queue's partial index
    # (models.cases.OPEN_QUEUE) is one SQLite may use.
    return Referral.status.in_(bindparam(None, list(OPEN_REFERRAL), expanding=True,
                                         literal_execute=True))


def team_referrals(user, team, *, open_only: bool = False) -> Select:
    """A team's referrals that `user` may see (`open_only`: those pending or accepted).

    Whoever may work the team's queue (its members, a supervisor of its site) sees every
    open referral made to it: such a case is referred to one of the member's teams, or lies
    in the supervisor's site, because a case is only ever referred to teams of its own site
    (counter.intake_services.route_case) and a transfer to another site closes the referrals
    of the sending site's teams (identity.transfer_services). A closed referral of a case
    since transferred stays counted with its team in the figures, and is listed only
    through the general rule, with its case. Saying so directly lets the queue be read from the
    referral index alone; anyone else goes through the general rule (joined to Case)."""
    if open_only and can_work_team(user, team):
        return select(Referral).where(_marked(Referral.team_id == team.id),
                                      _open_referral())
    query = visible_referrals(user).where(Referral.team_id == team.id)
    return query.where(_open_referral()) if open_only else query


def can_work_referral(user, referral: Referral) -> bool:
    """Accept, decline, complete: members of the referral's team, or a supervisor of the site."""
    if referral.case.site_id not in user.site_ids:
        return False
    if user.has_role("supervisor"):
        return True
    return user.has_role("team") and referral.team_id in user.team_ids


def can_reassign_referral(user, referral: Referral) -> bool:
    """Hand an accepted referral to a colleague: supervisors, or whoever holds it (or nobody)."""
    if not can_work_referral(user, referral):
        return False
    return can(user, "reassign") or referral.assignee_id in (None, user.id)


def can_manage_case(user, case: Case) -> bool:
    """Close or reopen a case (already loaded through the policy): its case manager, or a
    supervisor of its site."""
    return case.manager_id == user.id or can(user, "close_case")


# --- several sites at once (supervision) --------------------------------------------------------


def observed_site_ids(user) -> frozenset[int]:
    """The sites a coordinator's figures are counted over: every site of the region, for a
    coordinator of one province too. The observatory protects the whole region at once, so
    that every reader gets the same suppression pattern (desk/observatory/disclosure.py), and
    shows each reader only the pages of `observable_provinces`. Nobody else observes a site
    (a supervisor's figures come from the access rules above). Read once per request."""
    if not user.has_role("coordinator") or not user.observatory_scope:
        return frozenset()
    cached = getattr(user, "_observed_site_ids", None)
    if cached is None:
        cached = frozenset(db.session.scalars(select(Site.id)))
        user._observed_site_ids = cached
    return cached


def observable_provinces(user) -> tuple[str | None, ...]:
    """The observatory pages `user` may open: province codes, and None for the region."""
    if not user.has_role("coordinator") or not user.observatory_scope:
        return ()
    provinces = sorted(set(db.session.scalars(select(Site.province).distinct())))
    if user.observatory_scope == REGION:
        return (None, *provinces)
    return (user.observatory_scope,) if user.observatory_scope in provinces else ()


def _observes(user, site_ids) -> bool:
    """A coordinator counting sites all within what they observe (aggregates only: the
    conditions below serve GROUP BY queries, never a list of records)."""
    return bool(site_ids) and set(site_ids) <= observed_site_ids(user)


def sees_all_of_sites(user, site_ids) -> bool:
    """True if `user` sees every case of these sites, with its accesses, referrals and
    appointments (desk operators and supervisors of all of them), or counts them whole as
    their coordinator: their totals (the tally of accesses) may be read whole."""
    if _observes(user, site_ids):
        return True
    return _sees_whole_site(user) and bool(site_ids) and set(site_ids) <= user.site_ids


def cases_of_sites(user, site_ids):
    """Condition on Case: the cases `user` may see (or count) at these sites."""
    if _observes(user, site_ids):
        return _marked(Case.site_id.in_(site_ids))
    return and_(case_condition(user), Case.site_id.in_(site_ids))


def accesses_of_sites(user, site_ids):
    """Condition on Access, for figures (counts, never a list): the accesses that happened at
    these sites which `user` may count. Whoever sees the whole sites counts every access made
    there, those of people since transferred elsewhere too (access_condition)."""
    if sees_all_of_sites(user, site_ids):
        return _marked(Access.site_id.in_(site_ids))
    return and_(access_condition(user), Access.site_id.in_(site_ids))


def people_of_sites(user, site_ids):
    """Condition on Person: the people `user` may see (or count) at these sites."""
    if _observes(user, site_ids):
        return _marked(Person.site_id.in_(site_ids))
    return and_(person_condition(user), Person.site_id.in_(site_ids))


def external_referrals_of_sites(user, site_ids):
    """Condition on ExternalReferral (joined to Case): those `user` may see (or count) at
    these sites."""
    if _observes(user, site_ids):
        return _marked(Case.site_id.in_(site_ids))
    return and_(external_referral_condition(user), Case.site_id.in_(site_ids))


def referrals_of_sites(user, site_ids, team_ids, query: Select) -> Select:
    """`query` (on Referral) narrowed to the referrals `user` may see at these sites, whose
    teams are `team_ids`.

    Naming the teams lets the database start from the referral indexes (team, status, ...).
    For a user who sees the whole sites that is the complete condition: a referral goes to a
    team of its case's site, so Case is not joined at all."""
    if sees_all_of_sites(user, site_ids):
        return query.where(_marked(Referral.team_id.in_(team_ids)))
    return query.where(Referral.team_id.in_(team_ids)).join(
        Case, Referral.case_id == Case.id).where(cases_of_sites(user, site_ids))


def appointments_of_sites(user, site_ids, team_ids, query: Select) -> Select:
    """`query` (on Appointment) narrowed to the appointments of the cases `user` may see at
    these sites; for a user who sees the whole sites, by the team alone (an appointment is
    booked with a team of its case's site), so the team/time index serves it."""
    if sees_all_of_sites(user, site_ids):
        return query.where(_marked(Appointment.team_id.in_(team_ids)))
    return query.join(Case, Appointment.case_id == Case.id).where(cases_of_sites(user, site_ids))


# --- the territory's network --------------------------------------------------------------------


def provinces_of(user) -> set[str]:
    return {site.province for site in user.sites}


def organisation_condition(user):
    """Condition on Organisation: the directory of the provinces of my sites."""
    if not can(user, "view_directory"):
        return false()
    return Organisation.province.in_(provinces_of(user))


def visible_organisations(user) -> Select:
    return select(Organisation).where(organisation_condition(user))


def service_condition(user):
    """Condition on Service (correlated to Organisation): the directory of my provinces."""
    return exists().where(Organisation.id == Service.organisation_id,
                          organisation_condition(user)).correlate(Service)


def visible_services(user) -> Select:
    return select(Service).where(service_condition(user))


def _my_organisations(user):
    return select(PartnerMember.organisation_id).where(PartnerMember.user_id == user.id)


def external_referral_condition(user):
    """Condition on ExternalReferral: those of the cases I see; for a partner account, those
    sent to its organisation (and nothing else of the case)."""
    conditions = []
    if _sees_content(user):
        conditions.append(exists().where(Case.id == ExternalReferral.case_id, _case_rule(user))
                          .correlate(ExternalReferral))
    if user.has_role("partner"):
        conditions.append(ExternalReferral.organisation_id.in_(_my_organisations(user)))
    return _marked(or_(*conditions) if conditions else false())


def visible_external_referrals(user) -> Select:
    return select(ExternalReferral).where(external_referral_condition(user))


def partner_referrals(user) -> Select:
    """The referrals sent to the partner's organisation (a staff member gets none here)."""
    if not user.has_role("partner"):
        return select(ExternalReferral).where(_marked(false()))
    return select(ExternalReferral).where(
        _marked(ExternalReferral.organisation_id.in_(_my_organisations(user))))


# --- procedure sheets and the training record ----------------------------------------------------


def procedure_provinces(user) -> set[str]:
    """The territories whose local parts of the sheets I read (and, if I may, maintain)."""
    return provinces_of(user) if can(user, "view_procedures") else set()


def procedure_local_condition(user):
    """Condition on ProcedureLocal: the local parts of the territories of my sites."""
    return _marked(ProcedureLocal.province.in_(procedure_provinces(user)))


def visible_procedure_locals(user) -> Select:
    return select(ProcedureLocal).where(procedure_local_condition(user))


def training_condition(user):
    """Condition on Training: the trainings of my sites, for those who keep the record."""
    if not can(user, "manage_training"):
        return _marked(false())
    return _marked(Training.site_id.in_(user.site_ids))


def visible_trainings(user) -> Select:
    return select(Training).where(training_condition(user))


def register_upload_condition(user):
    """Condition on RegisterUpload: a register I uploaded, at a site of mine, while I may
    import people (a supervisor); nobody else's upload, not even a colleague's."""
    if not can(user, "import_people"):
        return _marked(false())
    return _marked(and_(RegisterUpload.user_id == user.id,
                        RegisterUpload.site_id.in_(user.site_ids)))
