import { EngineError, requireInClosed, requireNonNegative, requirePositive } from "../errors";
import { defineOptimizer } from "./define";
import type { UpdateRule } from "./rule";

/**
 * torch.optim.SGD: plain GD / SGD / mini-batch (momentum 0), heavy-ball momentum, Nesterov (NAG) and L2
 * weight decay added to the gradient.
 */
export type SgdHyper = {
  readonly lr: number;
  readonly momentum: number;
  readonly dampening: number;
  readonly weight_decay: number;
  readonly nesterov: boolean;
};

/** PyTorch's defaults (lr = 1e-3 since PyTorch 2.2; it was a required argument before). */
export const SGD_DEFAULTS: SgdHyper = Object.freeze({
  lr: 1e-3,
  momentum: 0,
  dampening: 0,
  weight_decay: 0,
  nesterov: false,
});

type SgdSlot = "buf";

export const sgdRule: UpdateRule<SgdHyper, SgdSlot> = {
  name: "sgd",
  defaults: SGD_DEFAULTS,
  slotNames: ["buf"],
  nonNegativeSlots: [],
  validate(h) {
    requirePositive("lr", h.lr);
    requireNonNegative("momentum", h.momentum);
    requireInClosed("dampening", h.dampening, 0, 1);
    requireNonNegative("weight_decay", h.weight_decay);
    if (h.nesterov && (h.momentum <= 0 || h.dampening !== 0)) {
      throw new EngineError("nesterov requires momentum > 0 and dampening = 0");
    }
  },
  activeSlots: (h) => (h.momentum !== 0 ? ["buf"] : []),
  initialValue: () => 0,
  apply(params, grads, { buf }, t, lr, h) {
    const { momentum, dampening, nesterov, weight_decay } = h;
    for (let i = 0; i < params.length; i++) {
      const p = params[i] as number;
      let d = grads[i] as number;
      if (weight_decay !== 0) d = d + weight_decay * p;
      if (momentum !== 0) {
        // PyTorch starts the buffer at the first gradient itself (not (1 − dampening)·g).
        const b = t === 1 ? d : momentum * (buf[i] as number) + (1 - dampening) * d;
        buf[i] = b;
        d = nesterov ? d + momentum * b : b;
      }
      params[i] = p - lr * d;
    }
  },
};

export const sgd = defineOptimizer(sgdRule);

/** One row: (params, grads, state, hyper) → { params, state }; Readonly inputs are not modified. */
export const sgdStep = sgd.step;
