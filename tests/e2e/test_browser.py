"""End to end in headless Chromium: question → answer → article; article at an earlier date;
audit finding → its evidence; keyboard-only use of the home box; 390 px phone width; screenshots."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import screenshot

MAIN_PAGES = ["/", "/obras", "/organos", "/organigrama", "/auditoria", "/sparql-consola"]


def _wait(driver: Any, condition: Any, timeout: float = 15) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def _by_css(driver: Any, css: str) -> Any:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, css)


def _all_css(driver: Any, css: str) -> list[Any]:
    from selenium.webdriver.common.by import By

    return list(driver.find_elements(By.CSS_SELECTOR, css))


def test_question_answer_then_its_article(page: Any, server: str) -> None:
    from selenium.webdriver.common.keys import Keys

    page.get(server + "/")
    examples = {e.find_element("css selector", "span").text: e.find_element("css selector", "a").text
                for e in _all_css(page, "ul.examples li")}
    question = examples["Pregunta"]  # made by the server from a duty of the store
    box = _by_css(page, "#q")
    box.send_keys(question, Keys.ENTER)
    _wait(page, lambda d: "/preguntas" in d.current_url)
    screenshot(page, "respuestas")
    answers = _all_css(page, "li.answer")
    assert answers, "the question made from a stored duty must find it"
    quote = answers[0].find_element("css selector", "blockquote").text
    answers[0].find_element("css selector", "a.source-link").click()
    _wait(page, lambda d: "/articulos/" in d.current_url)
    assert _by_css(page, "h1").text.startswith("Artículo")
    assert quote.split()[0] in _by_css(page, "#texto").text
    screenshot(page, "articulo")


def test_article_at_an_earlier_date(page: Any, server: str) -> None:
    page.get(server + "/")
    article_ref = next(e.find_element("css selector", "a") for e in _all_css(page, "ul.examples li")
                       if e.find_element("css selector", "span").text == "Artículo")
    article_ref.click()
    _wait(page, lambda d: "/articulos/" in d.current_url)
    assert _by_css(page, "#estado").text == "vigente"
    today_text = _by_css(page, "#texto").text
    earliest = page.execute_script(
        "var b = document.querySelectorAll('ol.versions > li h3'); return b.length ? b[0].textContent : '';")
    assert earliest
    picker = _by_css(page, "#fecha")
    page.execute_script("arguments[0].value = '1900-01-01';", picker)  # a date before any version
    _by_css(page, "form.datepicker button[type=submit]").click()
    _wait(page, lambda d: "fecha=1900-01-01" in d.current_url)
    state = _by_css(page, "#estado").text
    assert state in ("desconocido", "aún no vigente")
    assert not _all_css(page, "#texto") or _by_css(page, "#texto").text != today_text
    if state == "desconocido":
        assert _all_css(page, "ul.notes li"), "an unknown text says why"
    screenshot(page, "articulo-fecha-anterior")


def test_audit_finding_to_its_evidence(page: Any, server: str) -> None:
    page.get(server + "/auditoria?gravedad=high")
    screenshot(page, "auditoria")
    finding = _all_css(page, "article.finding.sev-high")[0]
    title = finding.find_element("css selector", "h3").text
    link = next(a for a in finding.find_elements("css selector", "a.evidence-link")
                if "/articulos/" in a.get_attribute("href"))
    target = link.get_attribute("href")
    page.execute_script("arguments[0].scrollIntoView();", link)
    link.click()
    _wait(page, lambda d: d.current_url.split("#")[0] == target.split("#")[0])
    assert title and _by_css(page, "h1").text.startswith("Artículo")
    assert _by_css(page, "#estado").text


def test_home_form_by_keyboard_only(page: Any, server: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    page.get(server + "/")
    page.execute_script("document.activeElement && document.activeElement.blur(); window.focus();")
    actions = ActionChains(page)
    actions.send_keys(Keys.TAB).perform()
    first = page.switch_to.active_element
    assert first.get_attribute("class") == "skip", "the skip link is the first stop"
    for _ in range(20):
        if page.switch_to.active_element.get_attribute("id") == "q":
            break
        ActionChains(page).send_keys(Keys.TAB).perform()
    assert page.switch_to.active_element.get_attribute("id") == "q", "the box is reachable with Tab"
    outline = page.execute_script("return getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus is visible"
    ActionChains(page).send_keys("archivo", Keys.ENTER).perform()
    _wait(page, lambda d: "/buscar" in d.current_url)
    assert _all_css(page, "ol.results li")


def test_console_runs_an_example(page: Any, server: str) -> None:
    page.get(server + "/sparql-consola")
    buttons = _all_css(page, "button[data-query]")
    assert buttons
    buttons[0].click()
    _by_css(page, "#console button[type=submit]").click()
    _wait(page, lambda d: "Hecho" in _by_css(d, "#console-status").text or "Error" in _by_css(d, "#console-status").text,
          timeout=30)
    assert "Hecho" in _by_css(page, "#console-status").text
    assert _all_css(page, "#results table tbody tr")
    screenshot(page, "consola-sparql")


@pytest.mark.parametrize("path", MAIN_PAGES + ["/organigrama/ve-heres", "/preguntas?q=archivo"])
def test_phone_width_has_no_horizontal_scroll(page: Any, server: str, path: str) -> None:
    page.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                         {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    page.get(server + path)
    wide = page.execute_script("return document.documentElement.scrollWidth")
    inner = page.execute_script("return window.innerWidth")
    assert inner == 390 and wide <= inner, f"{path}: content {wide}px wide at 390 px"
    if path in ("/", "/auditoria"):
        screenshot(page, "movil" + (path.replace("/", "-") if path != "/" else "-inicio"))


def test_screenshots_of_the_main_pages(page: Any, server: str) -> None:
    page.get(server + "/obras")
    work = _all_css(page, "ul.works a")[0].get_attribute("href")
    organ = None
    for path in MAIN_PAGES:
        page.get(server + path)
        assert _by_css(page, "h1").text
        screenshot(page, "inicio" if path == "/" else path.strip("/").replace("/", "-"))
    page.get(work)
    screenshot(page, "obra")
    page.get(server + "/organigrama")
    chart = _all_css(page, "main ul a")[0].get_attribute("href")
    page.get(chart)
    screenshot(page, "organigrama")
    page.get(server + "/organos")
    organ = _all_css(page, "main table a")[0].get_attribute("href")
    page.get(organ)
    screenshot(page, "organo")
