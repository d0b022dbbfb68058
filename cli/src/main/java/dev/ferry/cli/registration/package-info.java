/**
 * Registration archives for {@code flytectl register files --archive}: {@link
 * dev.ferry.cli.registration.RegistrationArchive}.
 */
@NullMarked
package dev.ferry.cli.registration;

import org.jspecify.annotations.NullMarked;
