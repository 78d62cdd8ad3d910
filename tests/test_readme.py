"""The README tells the communications team every fact that is still to verify."""
from rightcall.config import REPO_ROOT
from rightcall.content.files import read_yaml

from helpers import CONTENT


def test_every_unverified_fact_is_listed_in_the_readme():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Facts to confirm before launch", 1)[1].split("\n## ", 1)[0]
    for service in read_yaml(CONTENT / "services.yml")["services"]:
        if service["status"] != "found":
            assert f"`{service['id']}`" in section, service["id"]
        for contact in service["contacts"]:
            if "same_as" in contact:  # another service's number: checked there
                continue
            if contact.get("status", service["status"]) != "found":
                assert f"`{service['id']}`" in section
                value = contact.get("number") or contact.get("url")
                assert value in section, (service["id"], value)


def test_unverified_command_warns_about_each_fact(runner):
    result = runner.invoke(args=["content", "unverified"])
    assert result.exit_code == 0
    assert "CHECK BEFORE USE  gerstein-centre: phone 416-929-5200" in result.output
    assert result.output.strip().endswith("facts to verify before launch.")
