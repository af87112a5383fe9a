package org.quorate.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Both published documents are valid documents by the standards' own meta-schemas, and the checker
 * every integration test goes through ({@link Contract}) is as strict as the documents say.
 */
class ApiDocumentsTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  @AfterEach
  void forgetWhatTheseTestsReported() {
    Contract.get().drain();
  }

  @Test
  void asyncApiYamlIsAValidAsyncApi3Document() throws IOException {
    JsonNode document = read("/asyncapi.yaml");
    assertThat(metaSchemaErrors("contract/asyncapi-3.0.0.schema.json", document)).isEmpty();
    ((com.fasterxml.jackson.databind.node.ObjectNode) document).remove("info");
    assertThat(metaSchemaErrors("contract/asyncapi-3.0.0.schema.json", document)).as("the meta-schema is applied").isNotEmpty();
  }

  @Test
  void openApiYamlIsAValidOpenApi3Document() throws IOException {
    JsonNode document = read("/openapi.yaml");
    assertThat(document.path("openapi").asText()).startsWith("3.0.");
    assertThat(metaSchemaErrors("contract/openapi-3.0.schema.json", document)).isEmpty();
    ((com.fasterxml.jackson.databind.node.ObjectNode) document).remove("paths");
    assertThat(metaSchemaErrors("contract/openapi-3.0.schema.json", document)).as("the meta-schema is applied").isNotEmpty();
  }

  /** Every example in asyncapi.yaml is a frame a strict client accepts (events) or the server accepts (commands). */
  @Test
  void everyAsyncApiExampleMatchesItsMessagesPayloadSchema() throws IOException {
    JsonNode messages = read("/asyncapi.yaml").path("components").path("messages");
    List<String> examples = new ArrayList<>();
    messages.fields().forEachRemaining(m -> m.getValue().path("examples").forEach(e -> {
      JsonNode payload = e.path("payload");
      examples.add(m.getKey());
      if (Contract.get().listed("receiveCommand", m.getKey())) {
        Contract.get().acceptedCommand(payload);
      } else {
        Contract.get().serverFrame(payload);
      }
    }));
    assertThat(examples).hasSizeGreaterThan(80);
    assertThat(Contract.get().drain()).isEmpty();
  }

  @Test
  void aServerFrameWithAnUndocumentedFieldOrValueIsReportedWithTypePathAndError() throws IOException {
    Contract.get().serverFrame(JSON.readTree("""
        {"type": "error", "id": "c1", "code": "no_such_code", "message": "x", "field": null, "hint": "extra"}"""));
    Contract.get().serverFrame(JSON.readTree("""
        {"type": "no_such_event", "room": 1}"""));
    List<String> violations = Contract.get().drain();
    assertThat(violations).anySatisfy(v -> assertThat(v).startsWith("server frame error at $.code"));
    assertThat(violations).anySatisfy(v -> assertThat(v).startsWith("server frame error").contains("hint"));
    assertThat(violations).anySatisfy(v -> assertThat(v).contains("undocumented type 'no_such_event'"));
  }

  @Test
  void aBallotForOneOfAQuestionsOwnOptionsIsAValidCommand() throws IOException {
    Contract.get().acceptedCommand(JSON.readTree("""
        {"type": "cast_ballot", "id": "b1", "decision_id": 7, "choice": "Thursday 14 January, after the Panel"}"""));
    assertThat(Contract.get().drain()).isEmpty();
  }

  @Test
  void aRestAnswerIsCheckedAgainstItsOperationStatusAndSchema() {
    Contract.get().restAnswer("GET", "/api/bodies/3?x=1", 200, "application/json",
        "{\"id\": 3, \"code\": \"PANEL\", \"name\": \"SEC Panel\", \"kind\": \"council\", \"chair_user_id\": null, \"rules\": \"PANEL\", \"members\": []}");
    Contract.get().restAnswer("GET", "/api/bodies", 418, "application/json", "{}");
    Contract.get().restAnswer("GET", "/api/no-such-route", 404, "application/json", "{}");
    List<String> violations = Contract.get().drain();
    assertThat(violations).hasSize(2);
    assertThat(violations.get(0)).startsWith("GET /api/bodies/{id} 200 at $.kind");
    assertThat(violations.get(1)).startsWith("GET /api/bodies 418: the status is not documented");
  }

  @Test
  void nullWhereTheOpenApiDocumentSaysNullableIsValidAndAnUndocumentedFieldIsNot() {
    String member = "{\"user_id\": 1, \"username\": \"chair\", \"display_name\": \"C\", \"seat\": \"Panel Chair\", "
        + "\"voting\": false, \"party_id\": null, \"category\": null}";
    Contract.get().restAnswer("GET", "/api/bodies/3", 200, "application/json", "{\"id\": 3, \"code\": \"PANEL\", "
        + "\"name\": \"SEC Panel\", \"kind\": \"panel\", \"chair_user_id\": null, \"rules\": null, \"members\": [" + member + "]}");
    assertThat(Contract.get().drain()).isEmpty();
    Contract.get().restAnswer("GET", "/api/bodies/3", 200, "application/json", "{\"id\": 3, \"code\": \"PANEL\", "
        + "\"name\": \"SEC Panel\", \"kind\": \"panel\", \"chair_user_id\": null, \"rules\": null, \"members\": [], \"secret\": 1}");
    assertThat(Contract.get().drain()).singleElement().asString().contains("secret");
  }

  private static List<String> metaSchemaErrors(String metaSchema, JsonNode document) {
    Contract.get();
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    List<Error> errors = registry.getSchema(SchemaLocation.of("classpath:" + metaSchema))
        .validate(document.toString(), InputFormat.JSON);
    return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
  }

  private static JsonNode read(String resource) throws IOException {
    try (InputStream in = ApiDocumentsTest.class.getResourceAsStream(resource)) {
      return YAML.readTree(in);
    }
  }
}
