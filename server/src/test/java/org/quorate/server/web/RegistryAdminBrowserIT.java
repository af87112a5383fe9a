package org.quorate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;

/**
 * SECAS keeps the registry in the browser: Parties and Voting Groups (with the CSV import and each
 * line's problem), users and roles, bodies and their seats, Modifications with their path, urgency
 * and stage (whose history the Modification's room shows). Members see no administration entry,
 * and the server refuses them anyway. Takes the README's admin screenshots.
 */
@DemoServer
class RegistryAdminBrowserIT {
  @RegisterExtension
  static final Browsers browsers = new Browsers();

  static TestServer server;

  @Test
  void secasImportsPartiesSeeingEachBadLineThenManagesUsersSeatsAndAModificationsStage() throws Exception {
    Browser b = browsers.launch("admin", server.baseUrl()).signIn("admin");
    b.click(By.id("admin-link"));
    b.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".parties-table"), "Kestrel Energy Ltd"));

    // A file with two bad lines imports nothing, and says what is wrong with each line.
    fill(b, "party-csv", "name,category,voting_group\nHeron Energy Ltd,small_supplier,\nOtter Power Ltd,tiny_supplier,\n"
        + "Kestrel Energy Ltd,small_supplier,\n");
    b.click(By.cssSelector("#party-import button[type=submit]"));
    b.await(ExpectedConditions.textToBePresentInElementLocated(By.id("party-csv-error"), "Nothing imported: 2 of 3 lines have a problem"));
    assertThat(b.driver().findElement(By.id("party-csv")).getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(b.driver().findElement(By.id("party-csv")).getAttribute("aria-describedby")).contains("party-csv-error");
    assertThat(rowText(b, ".import-table", "3")).contains("unknown category “tiny_supplier”");
    assertThat(rowText(b, ".import-table", "4")).contains("a Party named “Kestrel Energy Ltd” already exists");
    assertThat(rowText(b, ".import-table", "2")).contains("OK");
    assertThat(server.as("admin").get("/api/parties").body()).doesNotContain("Heron Energy Ltd");
    b.script("document.getElementById('party-import').scrollIntoView({block: 'start'}); document.activeElement.blur()");
    save(b, "admin-parties.png");

    // A line only the server can judge (a name past 200 characters) is marked on its row from the server's answer.
    String longName = "L".repeat(201);
    fill(b, "party-csv", "name,category,voting_group\nHeron Energy Ltd,small_supplier,\n" + longName + ",small_supplier,\n");
    b.click(By.cssSelector("#party-import button[type=submit]"));
    b.await(ExpectedConditions.textToBePresentInElementLocated(By.id("party-csv-error"), "Nothing imported. Line 3:"));
    assertThat(b.driver().findElements(By.cssSelector(".import-table tr.is-error"))).hasSize(1);

    fill(b, "party-csv", "name,category,voting_group\nHeron Energy Ltd,small_supplier,\nNorthwind Trading Ltd,large_supplier,Northwind Group\n");
    b.click(By.cssSelector("#party-import button[type=submit]"));
    b.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#party-import .form-status"), "2 Parties imported."));
    b.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".parties-table"), "Heron Energy Ltd"));
    assertThat(rowText(b, ".groups-table", "Northwind Group")).contains("Northwind Trading Ltd");

    // Users and roles: a refusal lands on the field it names, then the account is created.
    b.open("/#/admin/users");
    b.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".users-table"), "kate"));
    fill(b, "user-username", "nadia");
    fill(b, "user-name", "Nadia Heron");
    fill(b, "user-password", "short");
    new Select(b.driver().findElement(By.id("user-party"))).selectByVisibleText("Heron Energy Ltd");
    b.click(By.cssSelector("#user-roles input[value=party_representative]"));
    b.click(By.cssSelector("#user-form button[type=submit]"));
    b.await(ExpectedConditions.attributeToBe(By.id("user-password"), "aria-invalid", "true"));
    assertThat(b.driver().findElement(By.id("user-password-error")).getText()).isNotBlank();
    assertThat(b.driver().findElement(By.id("user-password")).getAttribute("aria-describedby")).contains("user-password-error");
    fill(b, "user-password", "heron-heron-heron");
    b.click(By.cssSelector("#user-form button[type=submit]"));
    b.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#user-form .form-status"), "Nadia Heron can now sign in as nadia."));
    assertThat(rowText(b, ".users-table", "nadia")).contains("Heron Energy Ltd").contains("Member").contains("Party representative");

    // Bodies and their seats: a non-voting seat on the Panel.
    b.open("/#/admin/bodies");
    b.click(By.cssSelector("button[data-body=PANEL]"));
    b.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".seats-table"), "Dana DCC"));
    assertThat(rowText(b, ".seats-table", "Dana DCC")).contains("Non-voting");
    assertThat(rowText(b, ".seats-table", "Kate Kestrel")).contains("Voting");
    new Select(b.driver().findElement(By.id("seat-user"))).selectByVisibleText("Nadia Heron (nadia)");
    fill(b, "seat-name", "Small Supplier Observer");
    b.click(By.id("seat-voting"));
    new Select(b.driver().findElement(By.id("seat-party"))).selectByVisibleText("Heron Energy Ltd");
    b.click(By.cssSelector("#seat-form button[type=submit]"));
    b.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#seat-form .form-status"), "Nadia Heron holds the seat."));
    assertThat(rowText(b, ".seats-table", "Nadia Heron")).contains("Small Supplier Observer").contains("Non-voting");
    b.script("document.getElementById('body-detail-title').scrollIntoView({block: 'start'}); document.activeElement.blur()");
    save(b, "admin-bodies.png");

    // A Modification's path, urgency and stage; its room shows the stage history.
    b.open("/#/admin/modifications");
    b.click(By.cssSelector("button[data-mod=MP210]"));
    b.await(ExpectedConditions.visibilityOfElementLocated(By.id("mod-edit")));
    new Select(b.driver().findElement(By.id("mod-edit-path"))).selectByVisibleText("Fast Track");
    b.click(By.id("mod-edit-urgent"));
    b.click(By.cssSelector("#mod-edit button[type=submit]"));
    b.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#mod-edit .form-status"), "MP210 saved: Fast Track, urgent."));
    assertThat(rowText(b, ".mods-table", "MP210")).contains("Urgent");
    b.click(By.cssSelector("#mod-stage-form button[type=submit]"));
    b.await(ExpectedConditions.attributeToBe(By.id("mod-stage-reason"), "aria-invalid", "true"));
    new Select(b.driver().findElement(By.id("mod-new-stage"))).selectByVisibleText("Report Phase");
    fill(b, "mod-stage-reason", "Working Group report delivered to the Panel");
    b.click(By.cssSelector("#mod-stage-form button[type=submit]"));
    b.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".stage-history"),
        "Refinement Process → Report Phase"));
    assertThat(b.driver().findElement(By.cssSelector(".stage-history")).getText()).contains("Working Group report delivered to the Panel");
    b.script("document.getElementById('mod-detail-title').scrollIntoView({block: 'start'}); document.activeElement.blur()");
    save(b, "admin-modifications.png");

    b.openRoom("MP210 Enduring");
    b.click(By.cssSelector(".room-stage-history summary"));
    b.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".room-stage-history"),
        "Working Group report delivered to the Panel"));
    assertThat(b.driver().findElement(By.cssSelector(".room-stage-history")).getText()).contains("Raised at");

    Browser phone = browsers.launch("admin-phone", server.baseUrl(), Browsers.PHONE).signIn("admin");
    phone.open("/#/admin/users");
    phone.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".users-table"), "nadia"));
    assertThat((Long) phone.script("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(390L);
    phone.script("document.activeElement && document.activeElement.blur()");
    save(phone, "admin-phone.png");
  }

  @Test
  void aMemberSeesNoAdministrationEntryAndTheServerRefusesTheirChanges() {
    Browser kate = browsers.launch("kate", server.baseUrl()).signIn("kate");
    assertThat(kate.driver().findElements(By.id("admin-link"))).isEmpty();
    kate.open("/#/admin/parties");
    kate.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".admin-content"),
        "Registry administration is for SECAS"));
    assertThat(kate.driver().findElements(By.id("party-form"))).isEmpty();
    assertThat(server.as("kate").post("/api/parties", Map.of("name", "Kite Energy Ltd", "category", "small_supplier")).status())
        .isEqualTo(403);
    assertThat(server.as("kate").post("/api/modifications/MP210/stage", Map.of("stage", "withdrawn", "reason", "no")).status())
        .isEqualTo(403);
  }

  // ---- helpers ----

  static void fill(Browser b, String id, String text) {
    WebElement box = b.await(ExpectedConditions.elementToBeClickable(By.id(id)));
    box.clear();
    if (text.length() > 100) {
      // Typing a long file key by key is slow; set it as a paste would.
      b.script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'))", box, text);
    } else {
      box.sendKeys(text);
    }
  }

  /** The text of the table row whose header cell starts with the given text. */
  static String rowText(Browser b, String table, String rowHeader) {
    return b.await(d -> d.findElements(By.cssSelector(table + " tbody tr")).stream()
        .filter(tr -> tr.findElement(By.cssSelector("th")).getText().strip().startsWith(rowHeader))
        .map(WebElement::getText).findFirst().orElse(null));
  }

  static void save(Browser b, String name) throws Exception {
    Path png = ReadmeScreenshotsBrowserIT.docs().resolve(name);
    b.saveScreenshot(png);
    byte[] bytes = Files.readAllBytes(png);
    assertThat(bytes).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    assertThat(bytes.length).isGreaterThan(20_000);
  }
}
