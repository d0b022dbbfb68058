/**
 * Ferry's SDK: task environments, tasks as plain Java functions, caching, retries, timeouts,
 * resources, secrets and launch plans.
 */
@NullMarked
package dev.ferry.sdk;

import org.jspecify.annotations.NullMarked;
