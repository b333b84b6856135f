package netsim.scenario.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.Map;
import netsim.net.fault.FaultAction;
import netsim.net.fault.Match;
import netsim.net.fault.Selection;
import netsim.net.link.LinkConfig;
import netsim.net.link.LossModel;
import netsim.scenario.traffic.Distribution;
import netsim.tcp.TcpConfig;

/**
 * The effective config as {@code summary.json} shows it and a sweep's config hash covers it: every
 * setting with its default filled in (durations in nanoseconds, rates in bit/s, sizes in bytes).
 * TCP parameters and link directions are written from their tables' rows, under the YAML keys;
 * rules' match, selection and action as their text.
 */
public final class EffectiveConfig {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(
              new SimpleModule()
                  .addSerializer(TcpConfig.class, new Rows<>(TcpSettingsTable.SECTION))
                  .addSerializer(LinkConfig.class, new Rows<>(LinkSettingsTable.SECTION))
                  .addSerializer(LossModel.Spec.class, new Loss())
                  .addSerializer(Match.class, new AsText<>())
                  .addSerializer(Selection.class, new AsText<>())
                  .addSerializer(FaultAction.class, new AsText<>())
                  .addSerializer(Distribution.class, new AsText<>()));

  private EffectiveConfig() {}

  /** The tree of {@code config}. */
  public static JsonNode tree(ExperimentConfig config) {
    return MAPPER.valueToTree(config);
  }

  /** A value of a table's section as a mapping of its rows, nested mappings last. */
  private static final class Rows<C> extends JsonSerializer<C> {
    private final Section<C, ?> section;

    Rows(Section<C, ?> section) {
      this.section = section;
    }

    @Override
    public void serialize(C value, JsonGenerator gen, SerializerProvider serializers)
        throws IOException {
      write(section, value, gen, serializers);
    }

    private static <C> void write(
        Section<C, ?> section, C value, JsonGenerator gen, SerializerProvider serializers)
        throws IOException {
      gen.writeStartObject();
      for (Setting<C, ?, ?> row : section.rows()) {
        gen.writeFieldName(row.key());
        serializers.defaultSerializeValue(row.get().apply(value), gen);
      }
      for (Map.Entry<String, ? extends Section<C, ?>> nested : section.nested().entrySet()) {
        gen.writeFieldName(nested.getKey());
        write(nested.getValue(), value, gen, serializers);
      }
      gen.writeEndObject();
    }
  }

  /** A loss model as its name and netem's four parameters (0 where the model has none). */
  private static final class Loss extends JsonSerializer<LossModel.Spec> {
    @Override
    public void serialize(LossModel.Spec loss, JsonGenerator gen, SerializerProvider serializers)
        throws IOException {
      String model = "none";
      double[] p = new double[4];
      if (loss instanceof LossModel.Bernoulli b) {
        model = "bernoulli";
        p[0] = b.p();
      } else if (loss instanceof LossModel.GilbertElliott g) {
        model = "gilbert-elliott";
        p = new double[] {g.p(), g.r(), g.lossInBad(), g.lossInGood()};
      }
      gen.writeStartObject();
      gen.writeStringField("model", model);
      gen.writeNumberField("p", p[0]);
      gen.writeNumberField("r", p[1]);
      gen.writeNumberField("lossInBad", p[2]);
      gen.writeNumberField("lossInGood", p[3]);
      gen.writeEndObject();
    }
  }

  /** Serializes a value as its {@code toString()}. */
  private static final class AsText<T> extends JsonSerializer<T> {
    @Override
    public void serialize(T value, JsonGenerator gen, SerializerProvider serializers)
        throws IOException {
      gen.writeString(value.toString());
    }
  }
}
