/* global clearTimeout, setTimeout */
/**
 * The cells' worker side: the engine's training session with the examples inline, whose per-epoch messages
 * are gathered and sent as one `epochs` message at most every EPOCHS_EVERY_MS. A TRAIN_MLP epoch over a few
 * rows takes microseconds; one message each would flood the thread that receives them (Excel's), which is
 * what the worker is there to keep free.
 */
import {
  createTrainingSession,
  inlineData,
  type FromWorker,
  type InlineData,
  type TrainingSession,
} from "../engine/train";

export const EPOCHS_EVERY_MS = 100;

/** What the cells' worker sends: the session's messages, with epochs gathered into `epochs`. */
export type FromCellWorker = Exclude<FromWorker, { type: "epoch" }> | { type: "epochs"; losses: number[] };

export function createCellTrainingSession(
  post: (message: FromCellWorker) => void,
): TrainingSession<InlineData> {
  let pending: number[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    post({ type: "epochs", losses: pending });
    pending = [];
  };
  return createTrainingSession((message: FromWorker) => {
    if (message.type === "epoch") {
      pending.push(message.result.trainLoss);
      timer ??= setTimeout(flush, EPOCHS_EVERY_MS);
      return;
    }
    if (message.type === "done" || message.type === "error") flush();
    post(message);
  }, inlineData);
}
