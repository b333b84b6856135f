package netsim.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** netsim's version, from the build. */
public final class Version {
  private Version() {}

  public static String get() {
    Properties properties = new Properties();
    try (InputStream in =
        Version.class.getClassLoader().getResourceAsStream("netsim/version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return properties.getProperty("version", "unknown");
  }
}
