package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The layers a {@link TcpConnection} is made of (its package-private superclasses, {@link
 * TcpTimers} to {@link SendSide}) add nothing to its public API: a caller outside {@code
 * netsim.tcp} reaches only the methods the connection declares itself, and cannot use it as a
 * timer, an event or a loss recovery's callbacks.
 */
class ConnectionLayersApiTest {

  @Test
  void everyPublicMethod_isDeclaredByTheConnectionOrObject() {
    List<String> foreign = new ArrayList<>();
    for (Method method : TcpConnection.class.getMethods()) {
      Class<?> owner = method.getDeclaringClass();
      // A public method of a package-private superclass shows in the public subclass as a
      // synthetic bridge that javac adds; it is one of the layers' methods all the same.
      if ((owner != TcpConnection.class && owner != Object.class) || method.isSynthetic()) {
        foreign.add(owner.getSimpleName() + "." + method.getName());
      }
    }
    assertThat(foreign).isEmpty();
  }

  @Test
  void noLayerHasProtectedMembers_orImplementsAnInterface() {
    List<String> leaks = new ArrayList<>();
    for (Class<?> layer = TcpConnection.class;
        layer != Object.class;
        layer = layer.getSuperclass()) {
      if (layer != TcpConnection.class) {
        assertThat(Modifier.isPublic(layer.getModifiers())).as(layer.getName()).isFalse();
      }
      for (Class<?> implemented : layer.getInterfaces()) {
        leaks.add(layer.getSimpleName() + " implements " + implemented.getName());
      }
      for (Method method : layer.getDeclaredMethods()) {
        if (Modifier.isProtected(method.getModifiers())) {
          leaks.add(layer.getSimpleName() + "." + method.getName());
        }
      }
    }
    assertThat(leaks).isEmpty();
  }
}
