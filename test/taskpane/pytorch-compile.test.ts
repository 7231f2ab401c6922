import { describe, expect, test } from "@jest/globals";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FIELD_NAMES, cliName, configToForm } from "../../src/taskpane/config-form";
import { PRESETS, PRESET_NAMES } from "../../src/taskpane/presets";
import { pytorchScript } from "../../src/taskpane/pytorch-script";

/** python3 where it exists (CI may have none): the scripts are then only compared with the hand-written ones. */
const python = spawnSync("python3", ["--version"], { encoding: "utf8" });
const hasPython = python.status === 0;
if (!hasPython) {
  console.log("python3 not found: the Copy-as-PyTorch scripts are not compiled (py_compile test skipped)");
}

describe("Copy as PyTorch: every preset's script", () => {
  (hasPython ? test : test.skip).each(PRESET_NAMES)(
    "%s parses as Python (python3 -m py_compile)",
    (preset) => {
      const dir = mkdtempSync(join(tmpdir(), "gd-pytorch-"));
      try {
        const file = join(dir, "run.py");
        writeFileSync(file, pytorchScript(PRESETS[preset]));
        const result = spawnSync("python3", ["-m", "py_compile", file], { encoding: "utf8" });
        expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: "" });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  test.each(PRESET_NAMES)("%s names every training field as the pane labels and shows it", (preset) => {
    const config = PRESETS[preset];
    const form = configToForm(config);
    const lines = pytorchScript(config).split("\n");
    const header = lines.filter((l) => l.startsWith("#")).join(" ");
    // progress-every is how often the pane redraws, not how the network trains.
    for (const field of FIELD_NAMES.filter((f) => f !== "progressEvery")) {
      expect(header).toContain(`${cliName(field)} ${form[field] || "(none)"}`);
    }
    // …and the code uses the same values.
    expect(lines).toContain(`torch.manual_seed(${form.seed})`);
    expect(lines).toContain(`EPOCHS = ${form.epochs}`);
    expect(lines).toContain(`BATCH = ${form.batch}`);
    expect(lines).toContain(`LAMBDA = ${form.lambda}`);
    expect(lines.find((l) => l.startsWith("optimizer = "))).toContain(`(model.parameters(), lr=${form.lr}`);
    const sizes = config.layers;
    for (let i = 0; i + 1 < sizes.length; i++) {
      expect(lines).toContain(`    nn.Linear(${sizes[i]}, ${sizes[i + 1]}),`);
    }
  });

  test("PyTorch's own schedules become their torch class, an alias the schedule it names", () => {
    const config = PRESETS["network.py"];
    const line = (schedule: string, scheduleOptions: Record<string, number>) =>
      pytorchScript({ ...config, schedule, scheduleOptions })
        .split("\n")
        .find((l) => l.startsWith("scheduler = "));
    expect(line("cosine_annealing_lr", { t_max: 1000, eta_min: 0.01 })).toBe(
      "scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=1000, eta_min=0.01)",
    );
    expect(line("exponential_lr", { gamma: 0.999 })).toBe(
      "scheduler = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=0.999)",
    );
    expect(line("step_lr", { step_size: 500, gamma: 0.5 })).toBe(
      "scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=500, gamma=0.5)",
    );
  });
});
