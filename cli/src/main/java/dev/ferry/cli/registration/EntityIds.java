package dev.ferry.cli.registration;

import dev.ferry.idl.core.Identifier;
import dev.ferry.idl.core.ResourceType;
import java.util.Objects;

/**
 * The project, domain and version every identifier of one package carries (CONTAINER.md section 7):
 * the values given, or the registration placeholders that {@code flytectl register files} replaces
 * with its own {@code --project}, {@code --domain} and {@code --version}.
 *
 * <pre>{@code
 * EntityIds ids = EntityIds.placeholders().withVersion("3f9c2a1b");
 * Identifier task = ids.task("samples.add");  // TASK {{ registration.project }}/... 3f9c2a1b
 * }</pre>
 *
 * @param project the project, or {@link #PROJECT}
 * @param domain the domain, or {@link #DOMAIN}
 * @param version the version, or {@link #VERSION}
 */
public record EntityIds(String project, String domain, String version) {
  /** The placeholder flytectl replaces with the project it registers into. */
  public static final String PROJECT = "{{ registration.project }}";

  /** The placeholder flytectl replaces with the domain it registers into. */
  public static final String DOMAIN = "{{ registration.domain }}";

  /** The placeholder flytectl replaces with its {@code --version}. */
  public static final String VERSION = "{{ registration.version }}";

  public EntityIds {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(version, "version");
  }

  /** Returns the three placeholders. */
  public static EntityIds placeholders() {
    return new EntityIds(PROJECT, DOMAIN, VERSION);
  }

  /** Returns these ids with {@code version}. */
  public EntityIds withVersion(String version) {
    return new EntityIds(project, domain, version);
  }

  /** Returns the identifier of the task {@code name}. */
  public Identifier task(String name) {
    return id(ResourceType.TASK, name);
  }

  /** Returns the identifier of the workflow {@code name}. */
  public Identifier workflow(String name) {
    return id(ResourceType.WORKFLOW, name);
  }

  /** Returns the identifier of the launch plan {@code name}. */
  public Identifier launchPlan(String name) {
    return id(ResourceType.LAUNCH_PLAN, name);
  }

  private Identifier id(ResourceType type, String name) {
    return Identifier.newBuilder()
        .setResourceType(type)
        .setProject(project)
        .setDomain(domain)
        .setName(name)
        .setVersion(version)
        .build();
  }
}
