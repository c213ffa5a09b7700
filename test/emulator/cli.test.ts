/** The hapn-emulator command: flag parsing, errors naming the flag (exit 2), help, banner, clean stop. */
import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { startupBanner } from "../../emulator/banner";
import { DEFAULT_DIALECT } from "../../provider/api-model";
import { FLAGS, helpText, parseCliArgs, resolveEmulatorOptions, UsageError } from "../../emulator/options";

const ROOT = join(__dirname, "..", "..");
const CLI = ["-r", "ts-node/register/transpile-only", join(ROOT, "emulator", "cli.ts")];

describe("parseCliArgs", () => {
  it("defaults to logging with no faults", () => {
    expect(parseCliArgs([])).toEqual({ help: false, options: { log: true, faults: {} } });
  });

  it("parses every flag", () => {
    const request = parseCliArgs([
      "--port=0",
      "--host",
      "0.0.0.0",
      "--devices",
      "50",
      "--seed",
      "9",
      "--token-ttl",
      "60",
      "--client-id",
      "id",
      "--client-secret",
      "s3cret",
      "--state",
      "state.json",
      "--latency",
      "25",
      "--unauthorized-status",
      "403",
      "--rate-limit",
      "2.5",
      "--burst",
      "10",
      "--retry-after",
      "3",
      "--quota",
      "1000",
      "--error-rate",
      "0.1",
      "--lost-answer-rate",
      "0.2",
      "--faults-on-token",
      "--down",
      "503",
      "--quiet",
    ]);
    expect(request).toEqual({
      help: false,
      options: {
        port: 0,
        host: "0.0.0.0",
        devices: 50,
        seed: 9,
        tokenTtlSeconds: 60,
        clientId: "id",
        clientSecret: "s3cret",
        stateFile: "state.json",
        latencyMs: 25,
        unauthorizedStatus: 403,
        log: false,
        faults: {
          rateLimit: { ratePerSecond: 2.5, burst: 10, retryAfterSeconds: 3 },
          quota: { limit: 1000 },
          errorRate: 0.1,
          lostAnswerRate: 0.2,
          includeTokenEndpoint: true,
          down: "503",
        },
      },
    });
  });

  it("defaults the burst to the rate rounded up", () => {
    const request = parseCliArgs(["--rate-limit", "2.5"]);
    expect(request.help === false && request.options.faults?.rateLimit).toEqual({ ratePerSecond: 2.5, burst: 3 });
  });

  it("asks for help", () => {
    expect(parseCliArgs(["--port", "1", "--help"])).toEqual({ help: true });
  });

  it.each<[string[], RegExp]>([
    [["--port", "abc"], /--port must be an integer from 0 to 65535 \(got "abc"\)/],
    [["--port", "70000"], /--port/],
    [["--port", "1.5"], /--port/],
    [["--port"], /--port/],
    [["--devices", "0"], /--devices/],
    [["--seed", "-1"], /--seed/],
    [["--token-ttl", "0"], /--token-ttl/],
    [["--latency", "fast"], /--latency/],
    [["--unauthorized-status", "500"], /--unauthorized-status must be 401 or 403/],
    [["--rate-limit", "0"], /--rate-limit/],
    [["--error-rate", "1.5"], /--error-rate/],
    [["--down", "502"], /--down must be reset or 503/],
    [["--quota", "-3"], /--quota/],
    [["--burst", "5"], /--burst and --retry-after need --rate-limit/],
    [["--client-id", ""], /--client-id must not be empty/],
    [["--bogus"], /--bogus/],
    [["positional"], /positional/],
  ])("rejects %j", (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });

  it("documents every flag in --help", () => {
    const help = helpText();
    for (const flag of FLAGS) expect(help).toContain(`--${flag.name}`);
    for (const name of ["port", "host", "devices", "seed", "token-ttl", "client-id", "client-secret", "state"]) {
      expect(help).toContain(`--${name} `);
    }
    for (const name of ["latency", "unauthorized-status", "quiet", "help"]) expect(help).toContain(`--${name}`);
  });
});

describe("resolveEmulatorOptions", () => {
  it("applies the documented defaults", () => {
    expect(resolveEmulatorOptions({})).toEqual({
      port: 8787,
      host: "127.0.0.1",
      devices: 25,
      seed: 1,
      tokenTtlSeconds: 3600,
      clientId: "hapn-emulator-client",
      clientSecret: "hapn-emulator-secret",
      stateFile: undefined,
      accounts: [
        {
          clientId: "hapn-emulator-client",
          clientSecret: "hapn-emulator-secret",
          devices: 25,
          seed: 1,
          stateFile: undefined,
          faults: {},
        },
      ],
      unauthorizedStatus: 401,
      unknownRouteStatus: 404,
      dialect: DEFAULT_DIALECT,
      faults: {},
      log: false,
      logger: undefined,
    });
  });

  it.each<[object, RegExp]>([
    [{ port: -1 }, /option port/],
    [{ devices: 1.5 }, /option devices/],
    [{ tokenTtlSeconds: 0 }, /option tokenTtlSeconds/],
    [{ clientSecret: "" }, /option clientSecret/],
    [{ unauthorizedStatus: 400 }, /option unauthorizedStatus/],
  ])("rejects %j naming the option", (options, message) => {
    expect(() => resolveEmulatorOptions(options as never)).toThrow(message);
  });
});

describe("startupBanner", () => {
  const info = {
    url: "http://127.0.0.1:8787",
    authUrl: "http://127.0.0.1:8787/oauth2/token",
    apiUrl: "http://127.0.0.1:8787/v1",
    clientId: "hapn-emulator-client",
    devices: 25,
  };

  it("prints the pulumi config lines, with the default secret", () => {
    const banner = startupBanner({ ...info, clientSecret: "hapn-emulator-secret" });
    expect(banner).toContain("pulumi config set hapn:authUrl http://127.0.0.1:8787/oauth2/token");
    expect(banner).toContain("pulumi config set hapn:apiUrl http://127.0.0.1:8787/v1");
    expect(banner).toContain("pulumi config set hapn:clientId hapn-emulator-client");
    expect(banner).toContain("pulumi config set --secret hapn:clientSecret hapn-emulator-secret");
  });

  it("names the other accounts and their admin API, never their secrets", () => {
    const banner = startupBanner({
      ...info,
      clientSecret: "hapn-emulator-secret",
      otherAccounts: [{ clientId: "customer-b", devices: 7 }],
    });
    expect(banner).toContain(
      "account customer-b: 7 devices of its own (admin API http://127.0.0.1:8787/_admin/accounts/customer-b)",
    );
  });

  it("never prints a custom secret", () => {
    const banner = startupBanner({ ...info, clientSecret: "my-real-secret" });
    expect(banner).not.toContain("my-real-secret");
    expect(banner).toContain("pulumi config set --secret hapn:clientSecret <your secret>");
  });
});

describe("the hapn-emulator process", () => {
  it("exits 2 on a bad flag, naming it", () => {
    const run = spawnSync(process.execPath, [...CLI, "--port", "nope"], { cwd: ROOT, encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("--port");
  });

  it("prints help and exits 0", () => {
    const run = spawnSync(process.execPath, [...CLI, "--help"], { cwd: ROOT, encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Usage: hapn-emulator");
  });

  it("starts, serves, and stops cleanly on SIGTERM", async () => {
    const args = ["--port", "0", "--devices", "3", "--client-secret", "custom", "--account", "fleet-b:b-key:2"];
    const child = spawn(process.execPath, [...CLI, ...args], { cwd: ROOT });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const waitFor = async (pattern: RegExp) => {
      for (const deadline = Date.now() + 10_000; !pattern.test(stdout) && Date.now() < deadline;) {
        await new Promise((r) => setTimeout(r, 25));
      }
      expect(stdout).toMatch(pattern);
    };
    try {
      await waitFor(/pulumi config set --secret/);
      const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      expect(url).toBeDefined();
      expect(stdout).toContain(`pulumi config set hapn:apiUrl ${url}/v1`);
      expect(stdout).toContain("hapn:clientSecret <your secret>");
      expect(stdout).not.toContain("custom");
      expect(stdout).toContain(`account fleet-b: 2 devices of its own (admin API ${url}/_admin/accounts/fleet-b)`);
      expect(stdout).not.toContain("b-key");
      const health = await fetch(`${url}/_admin/health`);
      expect(((await health.json()) as { devices: number }).devices).toBe(3);
      const form = { grant_type: "client_credentials", client_id: "fleet-b", client_secret: "b-key" };
      const token = await fetch(`${url}/oauth2/token`, { method: "POST", body: new URLSearchParams(form) });
      expect(token.status).toBe(200);
      await fetch(`${url}/v1/devices`);
      await waitFor(/GET \/v1\/devices 401 \d+ms/);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  }, 20_000);
});
