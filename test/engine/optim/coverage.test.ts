/* global __dirname */
/**
 * Every optimizer in the registry is checked against a reference derived apart from its code: a PyTorch 1.13
 * trajectory when torch.optim has the class, otherwise a derivation by hand in a named test file. An
 * optimizer added to the registry without one fails here.
 */
import { describe, expect, it } from "@jest/globals";
import { readFileSync } from "fs";
import { join } from "path";
import torch from "../../fixtures/optim_fixtures.json";
import torchMore from "../../fixtures/optim_more_fixtures.json";
import { OPTIMIZER_NAMES } from "../../../src/engine/optim";

/** Optimizers torch.optim 1.13 has no class for, and the test that derives their steps by hand. */
const DERIVED_BY_HAND: Readonly<Record<string, string>> = {
  momentum_ewa: "textbook.test.ts",
  sgd_l2: "textbook.test.ts",
  lion: "lion-eve.test.ts",
  eve: "lion-eve.test.ts",
};

const withTorchFixture = new Set(
  [...torch.cases, ...torchMore.cases].map((c) => (c as { optimizer: string }).optimizer),
);

describe.each(OPTIMIZER_NAMES.map((name) => [name]))("%s", (name) => {
  it("has a PyTorch fixture or a derivation by hand, not both and not neither", () => {
    expect([name, withTorchFixture.has(name), name in DERIVED_BY_HAND]).toEqual([
      name,
      !(name in DERIVED_BY_HAND),
      name in DERIVED_BY_HAND,
    ]);
  });

  const file = DERIVED_BY_HAND[name];
  if (file !== undefined) {
    it(`is derived by hand in ${file}`, () => {
      // A describe block titled with its name ("momentum_ewa (…)", "Lion (…)"), case aside.
      const titled = new RegExp(`describe\\("${name}\\b`, "i");
      expect(titled.test(readFileSync(join(__dirname, file), "utf8"))).toBe(true);
    });
  }
});

it("names no optimizer the registry does not have", () => {
  const unknown = [...withTorchFixture, ...Object.keys(DERIVED_BY_HAND)].filter(
    (name) => !OPTIMIZER_NAMES.includes(name),
  );
  expect(unknown).toEqual([]);
});
