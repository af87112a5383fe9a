package org.quorate.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code asyncapi.yaml} (read from the classpath, i.e. as packaged in the jar) and the
 * protocol records in step: every record is a documented message and nothing else is, the
 * documented fields are the ones the codec writes, and every example is a golden file that must
 * decode and re-encode to the same JSON. Each failure lists what drifted.
 */
class AsyncApiDocumentTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode doc;
  /** Wire type name to record class, per direction, as the codec knows them. */
  private static Map<String, Class<?>> commands;
  private static Map<String, Class<?>> events;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream("/asyncapi.yaml")) {
      assertThat(in).as("asyncapi.yaml is not on the classpath: protocol/pom.xml must package it").isNotNull();
      doc = YAML.readTree(in);
    }
    commands = wireNames(ClientCommand.class);
    events = wireNames(ServerEvent.class);
  }

  @Test
  void everyCommandAndEventIsDocumentedAsAMessageAndNoOtherMessageIs() {
    Set<String> documented = names(doc.at("/components/messages"));
    Set<String> expected = new TreeSet<>(commands.keySet());
    expected.addAll(events.keySet());
    assertThat(difference(expected, documented)).as("protocol records missing from asyncapi.yaml components/messages").isEmpty();
    assertThat(difference(documented, expected)).as("asyncapi.yaml describes messages no protocol record has").isEmpty();

    assertThat(names(doc.at("/channels/ws/messages"))).as("channels.ws.messages").isEqualTo(expected);
    assertThat(referencedNames(doc.at("/operations/receiveCommand/messages")))
        .as("operations.receiveCommand.messages must list exactly the ClientCommand types").isEqualTo(new TreeSet<>(commands.keySet()));
    assertThat(referencedNames(doc.at("/operations/sendEvent/messages")))
        .as("operations.sendEvent.messages must list exactly the ServerEvent types").isEqualTo(new TreeSet<>(events.keySet()));

    List<String> problems = new ArrayList<>();
    for (String name : documented) {
      JsonNode message = doc.at("/components/messages/" + name);
      if (!name.equals(message.path("name").asText())) {
        problems.add(name + ": name is '" + message.path("name").asText() + "'");
      }
      if (!name.equals(schema(name).at("/properties/type/const").asText())) {
        problems.add(name + ": its payload schema's type is not const '" + name + "'");
      }
      if (!message.path("examples").isArray() || message.path("examples").isEmpty()) {
        problems.add(name + ": has no example");
      }
    }
    assertThat(problems).as("messages in asyncapi.yaml").isEmpty();
  }

  @Test
  void documentedFieldsAreExactlyTheFieldsTheCodecWrites() {
    Map<String, Class<?>> shapes = new LinkedHashMap<>(commands);
    shapes.putAll(events);
    shapes.put("userRef", UserRef.class);
    shapes.put("mention", Mention.class);
    shapes.put("searchHit", ServerEvent.SearchHit.class);
    shapes.put("quoracy", DecisionViews.Quoracy.class);
    shapes.put("composition", DecisionViews.Composition.class);
    shapes.put("tally", DecisionViews.Tally.class);
    shapes.put("categoryTally", DecisionViews.CategoryTally.class);
    shapes.put("ballot", DecisionViews.Ballot.class);
    shapes.put("queueEntry", QueueEntry.class);
    shapes.put("tallyCount", TallyCount.class);
    shapes.put("partyRef", PartyRef.class);
    List<String> problems = new ArrayList<>();
    shapes.forEach((name, type) -> {
      Set<String> documented = names(schema(name).path("properties"));
      documented.remove("type");
      Set<String> written = fieldsWritten(type);
      if (!documented.equals(written)) {
        problems.add(name + " (" + type.getSimpleName() + "): missing " + difference(written, documented)
            + ", not in the record " + difference(documented, written));
      }
      // Only commands may leave fields out: the codec writes every field of everything else, nulls included.
      Set<String> properties = names(schema(name).path("properties"));
      Set<String> required = texts(schema(name).path("required"));
      if (!commands.containsKey(name) && !required.equals(properties)) {
        problems.add(name + ": always sent whole, so every field must be required; not required: "
            + difference(properties, required));
      }
    });
    assertThat(problems).as("fields in asyncapi.yaml components/schemas").isEmpty();
  }

  @Test
  void requiredCommandFieldsAreExactlyTheOnesTheServerRefusesToDoWithout() {
    List<String> problems = new ArrayList<>();
    commands.keySet().forEach(name -> {
      if (examples(name).isEmpty()) {
        return; // reported by the test that every command is documented
      }
      Set<String> required = texts(schema(name).path("required"));
      Set<String> exercised = new TreeSet<>();
      for (JsonNode example : examples(name).values()) {
        for (String field : names(example)) {
          if (field.equals("type")) {
            continue;
          }
          exercised.add(field);
          ObjectNode without = ((ObjectNode) example.deepCopy());
          without.remove(field);
          boolean decodes = decodes(without);
          // A field needed only in some cases (one of two closing times) is required through the schema's anyOf.
          boolean documentedRequired = required.contains(field) || !meetsAnAlternative(schema(name), without);
          if (documentedRequired && decodes) {
            problems.add(name + "." + field + " is documented as required but a command without it decodes");
          } else if (!documentedRequired && !decodes) {
            problems.add(name + "." + field + " is documented as optional but a command without it is refused");
          }
        }
      }
      Set<String> unexercised = difference(names(schema(name).path("properties")), exercised);
      unexercised.remove("type");
      if (!unexercised.isEmpty()) {
        problems.add(name + ": no example shows " + unexercised);
      }
    });
    assertThat(problems).as("required fields of commands in asyncapi.yaml").isEmpty();
  }

  /** Golden round trip: the document's examples are what goes over the wire, byte for byte modulo layout. */
  @Test
  void everyExampleDecodesToItsRecordAndReencodesToTheSameJson() throws IOException {
    List<String> problems = new ArrayList<>();
    for (String name : names(doc.at("/components/messages"))) {
      boolean command = commands.containsKey(name);
      for (Map.Entry<String, JsonNode> e : examples(name).entrySet()) {
        String where = name + " example '" + e.getKey() + "'";
        JsonNode example = e.getValue();
        Object decoded;
        try {
          String json = JSON.writeValueAsString(example);
          decoded = command ? ProtocolCodec.decodeCommand(json) : ProtocolCodec.decodeEvent(json);
        } catch (ProtocolViolation v) {
          problems.add(where + " does not decode: " + v.getMessage() + " (field " + v.field() + ")");
          continue;
        }
        Class<?> expected = command ? commands.get(name) : events.get(name);
        if (decoded.getClass() != expected) {
          problems.add(where + " decodes to " + decoded.getClass().getSimpleName() + ", not " + expected.getSimpleName());
          continue;
        }
        ObjectNode reencoded = (ObjectNode) JSON.readTree(ProtocolCodec.encode(decoded));
        if (command) {
          // A client may leave out an optional field; the codec writes it back as its default.
          names(reencoded).stream().filter(f -> !example.has(f) && isDefault(reencoded.get(f))).forEach(reencoded::remove);
        }
        if (!reencoded.equals(example)) {
          problems.add(where + " re-encodes differently:\n  documented " + example + "\n  re-encoded " + reencoded);
        }
      }
    }
    assertThat(problems).as("examples in asyncapi.yaml").isEmpty();
  }

  @Test
  void everyErrorCodeIsDocumented() {
    Set<String> wire = Arrays.stream(ErrorCode.values()).map(ErrorCode::wire).collect(Collectors.toCollection(TreeSet::new));
    JsonNode errorCode = doc.at("/components/schemas/errorCode");
    assertThat(texts(errorCode.path("enum"))).as("errorCode enum in asyncapi.yaml").isEqualTo(wire);
    String description = errorCode.path("description").asText();
    assertThat(wire.stream().filter(code -> !description.contains("`" + code + "`")))
        .as("error codes whose meaning errorCode.description does not explain").isEmpty();
  }

  @Test
  void roomEventListNamesEveryStoredRoomEvent() {
    Set<String> roomEvents = new TreeSet<>();
    events.forEach((name, type) -> {
      if (RoomEvent.class.isAssignableFrom(type)) {
        roomEvents.add(name);
      }
    });
    assertThat(referencedNames(doc.at("/components/schemas/roomEvent/oneOf")))
        .as("components/schemas/roomEvent.oneOf must list exactly the RoomEvent types").isEqualTo(roomEvents);
  }

  @Test
  void versionAndLimitsAreTheProtocolConstants() {
    JsonNode schemas = doc.at("/components/schemas");
    assertThat(doc.at("/info/version").asText()).as("info.version").isEqualTo(String.valueOf(Protocol.VERSION));
    assertThat(schemas.at("/commandId/maxLength").asInt()).as("commandId.maxLength").isEqualTo(Protocol.MAX_COMMAND_ID);
    assertThat(schemas.at("/messageBody/maxLength").asInt()).as("messageBody.maxLength").isEqualTo(Protocol.MAX_MESSAGE_BODY);
    assertThat(schemas.at("/delete_message/properties/reason/maxLength").asInt()).as("delete_message.reason.maxLength")
        .isEqualTo(Protocol.MAX_REASON);
    assertThat(schemas.at("/fetch_history/properties/limit/maximum").asInt()).as("fetch_history.limit.maximum")
        .isEqualTo(Protocol.MAX_HISTORY_PAGE);
    assertThat(texts(schemas.at("/mention/properties/kind/enum"))).as("mention.kind enum")
        .isEqualTo(Arrays.stream(Mention.Kind.values()).map(Mention.Kind::wire).collect(Collectors.toCollection(TreeSet::new)));
  }

  // ---- reading the records ----

  /** The @JsonSubTypes names of a sealed root; every permitted record, however deeply nested, must have one. */
  private static Map<String, Class<?>> wireNames(Class<?> root) {
    Map<Class<?>, String> byClass = new LinkedHashMap<>();
    for (JsonSubTypes.Type t : root.getAnnotation(JsonSubTypes.class).value()) {
      byClass.put(t.value(), t.name());
    }
    Map<String, Class<?>> names = new LinkedHashMap<>();
    for (Class<?> leaf : leaves(root)) {
      assertThat(byClass).as(leaf.getName() + " is permitted but has no name in @JsonSubTypes of " + root.getSimpleName())
          .containsKey(leaf);
      names.put(byClass.get(leaf), leaf);
    }
    return names;
  }

  private static List<Class<?>> leaves(Class<?> type) {
    if (!type.isSealed()) {
      return List.of(type);
    }
    return Arrays.stream(type.getPermittedSubclasses()).flatMap(c -> leaves(c).stream()).toList();
  }

  private static Set<String> fieldsWritten(Class<?> type) {
    ObjectMapper mapper = ProtocolCodec.mapper();
    return mapper.getSerializationConfig().introspect(mapper.constructType(type)).findProperties().stream()
        .map(BeanPropertyDefinition::getName).collect(Collectors.toCollection(TreeSet::new));
  }

  private static boolean decodes(JsonNode command) {
    try {
      ProtocolCodec.decodeCommand(command.toString());
      return true;
    } catch (ProtocolViolation v) {
      return false;
    }
  }

  /**
   * Whether a command meets one of its schema's {@code anyOf} alternatives (each a {@code required}
   * list and/or {@code const} properties); true when the schema has none.
   */
  private static boolean meetsAnAlternative(JsonNode schema, JsonNode command) {
    if (!schema.has("anyOf")) {
      return true;
    }
    for (JsonNode alternative : schema.get("anyOf")) {
      boolean met = texts(alternative.path("required")).stream().allMatch(f -> command.hasNonNull(f));
      for (Iterator<Map.Entry<String, JsonNode>> it = alternative.path("properties").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> property = it.next();
        JsonNode constant = property.getValue().get("const");
        met &= constant == null || constant.equals(command.get(property.getKey()));
      }
      if (met) {
        return true;
      }
    }
    return false;
  }

  private static boolean isDefault(JsonNode value) {
    return value.isNull() || value.isArray() && value.isEmpty();
  }

  // ---- reading the document ----

  private static JsonNode schema(String name) {
    JsonNode schema = doc.at("/components/schemas/" + name);
    assertThat(schema.isObject()).as("asyncapi.yaml has no components/schemas/" + name).isTrue();
    return schema;
  }

  private static Map<String, JsonNode> examples(String message) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (JsonNode example : doc.at("/components/messages/" + message + "/examples")) {
      out.put(example.path("name").asText("(unnamed)"), example.path("payload"));
    }
    return out;
  }

  private static Set<String> names(JsonNode object) {
    Set<String> out = new TreeSet<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static Set<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).collect(Collectors.toCollection(TreeSet::new));
  }

  /** The last path segment of each {@code $ref} in a list. */
  private static Set<String> referencedNames(JsonNode refs) {
    Set<String> out = new TreeSet<>();
    for (Iterator<JsonNode> it = refs.elements(); it.hasNext(); ) {
      String ref = it.next().path("$ref").asText();
      out.add(ref.substring(ref.lastIndexOf('/') + 1));
    }
    return out;
  }

  private static Set<String> difference(Set<String> a, Set<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.removeAll(b);
    return out;
  }
}
