import java.lang.reflect.*;
import java.util.*;

/**
 * Prints, sorted, every member of a class that a caller outside its package could reach: public
 * methods, fields and constructors (inherited ones included, which javap does not list), protected
 * members of the class and its superclasses, and the interfaces and public superclasses it can be
 * assigned to. Two builds have the same API when the outputs are equal, e.g. {@code diff <(java -cp
 * /work/wt/main-netsim.jar build-support/ApiSurface.java netsim.tcp.TcpConnection) <(java -cp
 * experiments/cli/target/netsim.jar build-support/ApiSurface.java netsim.tcp.TcpConnection)}.
 */
public class ApiSurface {
  public static void main(String[] args) throws Exception {
    Class<?> c = Class.forName(args[0]);
    TreeSet<String> out = new TreeSet<>();
    for (Method m : c.getMethods()) out.add("public method " + sig(m));
    for (Field f : c.getFields())
      out.add("public field " + f.getType().getName() + " " + f.getName());
    for (Constructor<?> k : c.getConstructors())
      out.add("public ctor " + Arrays.toString(k.getParameterTypes()));
    for (Class<?> k = c; k != null; k = k.getSuperclass()) {
      for (Method m : k.getDeclaredMethods())
        if (Modifier.isProtected(m.getModifiers())) out.add("protected method " + sig(m));
      for (Field f : k.getDeclaredFields())
        if (Modifier.isProtected(f.getModifiers())) out.add("protected field " + f.getName());
    }
    Set<String> ifaces = new TreeSet<>();
    for (Class<?> k = c; k != null; k = k.getSuperclass())
      for (Class<?> i : k.getInterfaces()) ifaces.add(i.getName());
    for (String i : ifaces) out.add("assignable to interface " + i);
    for (Class<?> k = c.getSuperclass(); k != null; k = k.getSuperclass())
      if (Modifier.isPublic(k.getModifiers())) out.add("assignable to public class " + k.getName());
    out.forEach(System.out::println);
  }

  static String sig(Method m) {
    return m.getReturnType().getName() + " " + m.getName() + Arrays.toString(m.getParameterTypes());
  }
}
