"""The report page and `checker serve`, driven in a real headless browser (Debian's
chromium and chromedriver; .ci/run installs them). Outside CI, without them, skip."""
import os
import shutil
import threading

import pytest
from ruamel.yaml import YAML

from checker import pipeline
from conftest import TESTS, run, write_source

CHROMIUM = shutil.which("chromium")
DRIVER = shutil.which("chromedriver")
if not (CHROMIUM and DRIVER) and not os.environ.get("CI"):
    pytest.skip("needs chromium and chromedriver (apt-get install chromium chromium-driver)",
                allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium')}", "--window-size=1200,1000"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    yield driver
    driver.quit()


@pytest.fixture
def results_story(tmp_path):
    shutil.copytree(TESTS / "eval" / "results" / "sources", tmp_path / "sources")
    assert run("report", "--sources", str(tmp_path / "sources")).exit_code == 0
    return tmp_path


def visible(browser):
    return [c for c in browser.find_elements(By.CSS_SELECTOR, ".conflict") if c.is_displayed()]


def test_load_filter_and_open_a_source_at_the_sentence(browser, results_story):
    browser.get((results_story / "reports" / "report.html").as_uri())
    total = len(browser.find_elements(By.CSS_SELECTOR, ".conflict"))
    assert total >= 6 and browser.find_element(By.ID, "shown").text == str(total)

    Select(browser.find_element(By.ID, "f-kind")).select_by_value("entity")
    shown = visible(browser)
    assert len(shown) == 1 and shown[0].get_attribute("data-kind") == "entity"
    assert browser.find_element(By.ID, "shown").text == "1"

    Select(browser.find_element(By.ID, "f-kind")).select_by_value("")
    browser.find_element(By.ID, "f-search").send_keys("Redditch")
    assert [c.get_attribute("data-kind") for c in visible(browser)] == ["date"]

    link = visible(browser)[0].find_element(By.CSS_SELECTOR, "a.goto")
    target = link.get_attribute("data-anchor")
    link.click()
    mark = browser.find_element(By.ID, target)
    assert mark.is_displayed() and "focus" in mark.get_attribute("class")
    assert "Redditch factory will close" in mark.text
    assert mark.find_element(By.CSS_SELECTOR, "strong.value").text in ("June 2025", "July 2025")
    in_view = browser.execute_script(
        "const r=arguments[0].getBoundingClientRect();return r.top>=0&&r.bottom<=window.innerHeight;", mark)
    assert in_view
    if os.environ.get("UPDATE_SCREENSHOT"):
        browser.get((results_story / "reports" / "report.html").as_uri())
        browser.save_screenshot(str(TESTS.parent / "docs" / "report.png"))


def test_fits_a_phone_screen(browser, results_story):
    browser.set_window_size(390, 844)
    try:
        browser.get((results_story / "reports" / "report.html").as_uri())
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1
    finally:
        browser.set_window_size(1200, 1000)


def test_phone_text_stays_legible_and_labels_apart(browser, project):
    for i, month in enumerate(["April 2021", "April 2022", "April 2022", "April 2022", "May 2022", "March 2022"]):
        write_source(project / "sources", f"s{i}.md", f"Hammerton Bridge was closed in {month} for repairs.",
                     outlet=f"The Hammerton and District Evening Courier Edition {i}")
    run("report", "--sources", str(project / "sources"))
    browser.set_window_size(390, 844)
    try:
        browser.get((project / "reports" / "report.html").as_uri())
        if os.environ.get("SCREENSHOT_390"):
            browser.save_screenshot(os.environ["SCREENSHOT_390"])
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1
        smallest = browser.execute_script(
            "return Math.min(...[...document.querySelectorAll('svg text')].map(t =>"
            " parseFloat(getComputedStyle(t).fontSize) * t.closest('svg').getBoundingClientRect().width"
            " / t.closest('svg').viewBox.baseVal.width))")
        assert smallest >= 11
        overlaps = browser.execute_script(
            "const r=[...document.querySelectorAll('svg.timeline text')].map(t=>t.getBoundingClientRect());"
            "let n=0;for(let i=0;i<r.length;i++)for(let j=i+1;j<r.length;j++)"
            "if(r[i].left<r[j].right&&r[j].left<r[i].right&&r[i].top<r[j].bottom&&r[j].top<r[i].bottom)n++;return n")
        assert overlaps == 0
    finally:
        browser.set_window_size(1200, 1000)


def test_source_text_and_metadata_are_escaped(browser, project):
    write_source(project / "sources", "a.md",
                 "Hammerton Bridge was closed in April 2022. <script>document.title='pwned'</script>",
                 outlet="\"The <b>Courier</b>\"")
    write_source(project / "sources", "b.md", "Hammerton Bridge was closed in April 2021. <img src=x onerror=alert(1)>",
                 outlet="Gazette & Times")
    run("report", "--sources", str(project / "sources"))
    browser.get((project / "reports" / "report.html").as_uri())
    assert browser.title == "checker: consistency report"
    assert len(browser.find_elements(By.TAG_NAME, "script")) == 1  # ours alone
    assert not browser.find_elements(By.TAG_NAME, "img") and not browser.find_elements(By.CSS_SELECTOR, ".side b")
    page = browser.find_element(By.TAG_NAME, "main").text
    assert "The <b>Courier</b>" in page and "Gazette & Times" in page


def test_record_a_verdict_through_serve(browser, story):
    from werkzeug.serving import make_server

    from checker.serve import create_app

    root = story("bridge")
    assert run("check", "--sources", str(root / "sources")).exit_code == 1
    server = make_server("127.0.0.1", 0, create_app(pipeline.Project(root / "sources"), by="Ed"))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        browser.get(f"http://127.0.0.1:{server.server_port}/")
        form = browser.find_element(By.CSS_SELECTOR, "form.verdict")
        conflict_id = form.get_attribute("data-id")
        Select(form.find_element(By.NAME, "verdict")).select_by_value("confirmed")
        Select(form.find_element(By.NAME, "correct")).select_by_value("courier")
        form.find_element(By.NAME, "note").send_keys("the council's records say April 2022")
        form.find_element(By.CSS_SELECTOR, "button").click()
        WebDriverWait(browser, 10).until(lambda d: form.find_element(By.CSS_SELECTOR, ".result").text)
        assert form.find_element(By.CSS_SELECTOR, ".result").text == "saved: confirmed"
        assert browser.find_element(By.CSS_SELECTOR, ".conflict .status").text == "confirmed"
        assert browser.find_element(By.ID, "n-new").text == "0"  # the header counts follow the save
        assert browser.find_element(By.ID, "n-unresolved").text == "0"
        assert not browser.find_elements(By.CSS_SELECTOR, ".conflict .badge.new")
    finally:
        server.shutdown()
    entry = YAML(typ="safe").load((root / "verdicts.yaml").read_text())["verdicts"][conflict_id]
    assert entry["verdict"] == "confirmed" and entry["correct"] == "courier" and entry["by"] == "Ed"
    assert entry["note"] == "the council's records say April 2022"
    assert run("check", "--sources", str(root / "sources")).exit_code == 0


def test_serve_refuses_bad_posts(story):
    from checker.serve import create_app

    root = story("bridge")
    client = create_app(pipeline.Project(root / "sources")).test_client()
    assert client.post("/api/verdict", data="id=x").status_code == 415
    bad = client.post("/api/verdict", json={"id": "nope", "verdict": "confirmed"})
    assert bad.status_code == 400 and "no current conflict" in bad.get_json()["error"]
    page = client.get("/")
    assert page.status_code == 200 and b'form class="verdict"' in page.data
    assert not (root / "verdicts.yaml").exists()
