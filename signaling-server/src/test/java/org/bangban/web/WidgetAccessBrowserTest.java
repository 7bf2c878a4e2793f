package org.bangban.web;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bangban.it.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 帮办 widget for everyone: a phone-sized viewport (360×740) through a whole call, the English switch and the
 * large-text mode, and an applicant who uses only the keyboard (Tab, Enter, Space, arrows, Esc) from the portal
 * page to the rating.
 */
class WidgetAccessBrowserTest {

    @TempDir
    static Path dir;
    private static TestNode node;
    private static WidgetPage page;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start(dir, WebTestSupport.alwaysOpen("pairing.wrapup", "PT0S"));
        page = WidgetPage.start(node.port());
    }

    @AfterAll
    static void stop() {
        if (page != null) page.close();
        if (node != null) node.close();
    }

    @AfterEach
    void noConsoleErrors() {
        page.toApplicant();
        page.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        assertThat(page.consoleErrors()).as("errors in the applicant page's console").isEmpty();
    }

    private static String demo() {
        return WidgetPage.demo(node.port());
    }

    @Test
    void onAPhoneSizedScreenTheWholeCallFitsAndTheTextCanBeEnlargedOrEnglish() {
        page.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 360, "height", 740, "deviceScaleFactor", 2, "mobile", true));
        page.openFresh(demo());
        assertThat(((Number) page.js("return innerWidth;")).intValue()).isEqualTo(360);
        fitsTheScreen("help-button");
        page.click("help-button");
        page.el("item-select");
        fitsTheScreen("panel");
        noSidewaysScrolling();
        page.screenshot("mobile-items");

        page.click("lang-switch");
        page.waitText("item-next", "Next");
        page.click("lang-switch");
        page.waitText("item-next", "下一步");

        WidgetBrowserTest.askForHelpFromOpenPanel(page, "pension-certification");
        page.waitText("queue-position", "第 1 位");
        fitsTheScreen("cancel-request");
        page.helper("available");
        page.helper("acceptNext");
        page.waitText("call-heading", "正在为您服务");
        page.waitApplicantDecodes(2);
        page.waitHelperDecodes(2);
        fitsTheScreen("panel");
        fitsTheScreen("end-call");
        noSidewaysScrolling();
        page.screenshot("mobile-call");

        page.click("large-text");
        page.waitFor(d -> (Boolean) page.js("return document.getElementById('bangban-widget').classList.contains('bb-large');"),
                "large text is on");
        assertThat(page.el("large-text").getAttribute("aria-pressed")).isEqualTo("true");
        fitsTheScreen("panel");
        noSidewaysScrolling();
        page.screenshot("mobile-large");
        page.click("large-text");

        page.click("end-call");
        page.click("rating-5");
        page.click("rating-submit");
        page.waitText("rating-thanks", "BB-");
        fitsTheScreen("rating-thanks");
    }

    @Test
    void anApplicantWhoUsesOnlyTheKeyboardGetsFromThePageToTheRating() {
        page.openFresh(demo());
        for (int i = 0; i < 40 && !"help-button".equals(focused()); i++) {
            press(Keys.TAB);
        }
        assertThat(focused()).as("the help button is reached with Tab").isEqualTo("help-button");
        press(Keys.ENTER);
        page.el("item-select");
        page.waitFor(d -> "item-search".equals(focused()), "the search field has the focus when the panel opens");
        press(Keys.TAB);
        assertThat(focused()).isEqualTo("item-select");
        for (int i = 0; i < 4 && !"license-change".equals(page.el("item-select").getAttribute("value")); i++) {
            press(Keys.ARROW_DOWN);
        }
        assertThat(page.el("item-select").getAttribute("value")).as("the second item, chosen with the arrow keys")
                .isEqualTo("license-change");
        press(Keys.ENTER);
        page.waitFor(d -> "kind-assist".equals(focused()), "the first choice has the focus");
        press(Keys.TAB);
        assertThat(focused()).isEqualTo("kind-delegate");
        press(Keys.ENTER);
        page.waitFor(d -> "description".equals(focused()), "the description has the focus");
        press(Keys.TAB);
        assertThat(focused()).isEqualTo("green-channel");
        press(Keys.SPACE);
        press(Keys.TAB);
        assertThat(focused()).isEqualTo("green-reason");
        press(Keys.ARROW_DOWN);
        tabTo("submit-request");
        press(Keys.ENTER);
        page.el("consent-notice");
        tabTo("consent-accept");
        press(Keys.ENTER);
        page.waitText("queue-position", "第 1 位");

        page.helper("available");
        @SuppressWarnings("unchecked")
        Map<String, Object> offer = (Map<String, Object>) page.helper("acceptNext");
        assertThat(offer.get("kind")).isEqualTo("delegate");
        assertThat(offer.get("green")).as("the green channel chosen with the keyboard").isEqualTo("disability");
        page.waitText("call-heading", "正在为您服务");
        tabTo("toggle-mic");
        press(Keys.SPACE);
        assertThat(page.el("toggle-mic").getAttribute("aria-pressed")).isEqualTo("false");
        press(Keys.SPACE);
        tabTo("end-call");
        press(Keys.ENTER);

        page.waitFor(d -> "rating-5".equals(focused()), "the rating has the focus");
        press(Keys.ARROW_DOWN);
        press(Keys.ARROW_DOWN);
        assertThat(focused()).isEqualTo("rating-4");
        assertThat(page.el("rating-4").getAttribute("aria-checked")).isEqualTo("true");
        tabTo("rating-tag-clear_explanation");
        press(Keys.SPACE);
        tabTo("rating-submit");
        press(Keys.ENTER);
        page.waitText("rating-thanks", "BB-");

        press(Keys.ESCAPE);
        page.waitFor(d -> !page.shown("panel"), "Esc closes the panel");
        assertThat(focused()).as("the focus goes back to the help button").isEqualTo("help-button");
        assertThat(page.el("help-button").getAttribute("aria-expanded")).isEqualTo("false");
    }

    /** The test id of the element that has the focus inside the widget, or null. */
    private static String focused() {
        return (String) page.js("const h = document.getElementById('bangban-widget');"
                + "if (!h || document.activeElement !== h) return null;"
                + "const a = h.shadowRoot.activeElement; return a ? a.getAttribute('data-testid') : null;");
    }

    private static void press(CharSequence key) {
        new Actions(page.driver).sendKeys(key).perform();
    }

    private static void tabTo(String testid) {
        for (int i = 0; i < 30 && !testid.equals(focused()); i++) {
            press(Keys.TAB);
        }
        assertThat(focused()).as("Tab reaches " + testid).isEqualTo(testid);
    }

    private static void fitsTheScreen(String testid) {
        @SuppressWarnings("unchecked")
        List<Number> r = (List<Number>) page.js("arguments[0].scrollIntoView({block: 'nearest'});"
                + "const b = arguments[0].getBoundingClientRect();"
                + "return [b.left, b.right, b.top, b.bottom, innerWidth, innerHeight];", page.el(testid));
        assertThat(r.get(0).doubleValue()).as(testid + " left edge").isGreaterThanOrEqualTo(0);
        assertThat(r.get(1).doubleValue()).as(testid + " right edge").isLessThanOrEqualTo(r.get(4).doubleValue());
        assertThat(r.get(2).doubleValue()).as(testid + " top edge").isGreaterThanOrEqualTo(0);
        assertThat(r.get(3).doubleValue()).as(testid + " bottom edge").isLessThanOrEqualTo(r.get(5).doubleValue());
    }

    private static void noSidewaysScrolling() {
        assertThat(((Number) page.js("return document.documentElement.scrollWidth;")).intValue())
                .as("the page does not scroll sideways").isLessThanOrEqualTo(360);
    }
}
