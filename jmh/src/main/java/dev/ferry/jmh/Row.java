package dev.ferry.jmh;

/** The element of the record dataset: five components of the common kinds. */
public record Row(long id, String name, double price, boolean active, int qty) {}
