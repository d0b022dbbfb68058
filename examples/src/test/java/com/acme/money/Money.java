package com.acme.money;

import java.math.BigDecimal;
import java.util.Objects;

/** An amount in a currency: {@code 12.50 EUR}. The plugin example's type. */
public record Money(BigDecimal amount, String currency) {
  public Money {
    Objects.requireNonNull(amount, "amount");
    if (!currency.matches("[A-Z]{3}")) {
      throw new IllegalArgumentException("not a currency code: " + currency);
    }
  }

  /** Returns the money of {@code "12.50 EUR"}. */
  public static Money parse(String text) {
    int space = text.indexOf(' ');
    if (space < 0) {
      throw new IllegalArgumentException("not an amount and a currency: " + text);
    }
    return new Money(new BigDecimal(text.substring(0, space)), text.substring(space + 1));
  }

  @Override
  public String toString() {
    return amount.toPlainString() + " " + currency;
  }
}
