"""Filling intake's /apply form in a browser page as a teacher would."""


def fill(page, answers: dict) -> None:
    page.get_by_role("group", name="Program").get_by_label("Voluntary peer coaching").check()
    page.get_by_role("group", name="How do you come to apply?").get_by_label("I am asking for support myself").check()
    for label, name in (("Employee number", "employee_id"), ("First name", "first_name"), ("Last name", "last_name"),
                        ("Email", "email"), ("School", "school"), ("District", "district"),
                        ("Subjects you teach", "subjects")):
        page.get_by_label(label, exact=True).fill(answers[name])
    page.get_by_label("Employment status").select_option(answers["employment_status"])
    page.get_by_label("4", exact=True).check()
    page.get_by_label("New grade level").check()
    page.get_by_label("Focus area").select_option("numeracy")
    page.get_by_label("Observation and feedback").check()
    page.get_by_label("Anything you want the coordinator to know").fill(answers["reason_details"])
    if answers.get("requested_coach_id"):
        page.get_by_label("A coach you would like to work with").fill(answers["requested_coach_id"])
    page.get_by_label("I understand that coaching is confidential").check()
