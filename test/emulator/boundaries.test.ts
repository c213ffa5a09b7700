/** Boundaries: create, list (paginated), update, delete, and body validation. */
import type { RunningEmulator } from "../../emulator";
import type { Boundary } from "../../provider/api-model/wire-types";
import { call, getToken, square, statusAndJson } from "./helpers";
import { startTestEmulator } from "../support/emulator";

let emu: RunningEmulator;
let token: string;
beforeAll(async () => {
  emu = await startTestEmulator({ devices: 3 });
  token = await getToken(emu);
});
afterAll(() => emu.stop());

const send = async (method: string, path: string, body?: unknown) =>
  statusAndJson(await call(emu, token, path, { method, body }));
const create = (body: unknown) => send("POST", "/boundaries", body);

describe("boundary CRUD", () => {
  it("creates a boundary with server-assigned fields", async () => {
    const { status, body } = await create({
      name: "Yard",
      color: "#9b59b6",
      location: "1 Main St",
      geometry: square(),
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ success: true, message: "OK" });
    const b: Boundary = body.result;
    expect(Number.isInteger(b.boundaryId)).toBe(true);
    expect(b).toMatchObject({ name: "Yard", color: "#9b59b6", location: "1 Main St", status: "active" });
    expect(b.created).toBe(b.modified);
    expect(b.geometry.id).toMatch(/^[0-9a-f]{32}$/);
    expect(b.geometry).toEqual({ id: b.geometry.id, ...square() });
  });

  it("defaults the color and omits an absent location", async () => {
    const { body } = await create({ name: "Plain", geometry: square(1, 1) });
    expect(body.result.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(body.result).not.toHaveProperty("location");
  });

  it("updates, keeping the Feature id and bumping modified", async () => {
    const created: Boundary = (await create({ name: "Old", geometry: square() })).body.result;
    const { status, body } = await send("PATCH", `/boundaries/${created.boundaryId}`, {
      name: "New",
      geometry: square(2, 2),
    });
    expect(status).toBe(200);
    expect(body.result).toMatchObject({ boundaryId: created.boundaryId, name: "New", created: created.created });
    expect(body.result.geometry).toEqual({ id: created.geometry.id, ...square(2, 2) });
    expect(Date.parse(body.result.modified)).toBeGreaterThan(Date.parse(created.modified));
  });

  it("deletes, then answers 404", async () => {
    const created: Boundary = (await create({ name: "Gone", geometry: square() })).body.result;
    const id = created.boundaryId;
    expect(await send("DELETE", `/boundaries/${id}`)).toEqual({
      status: 200,
      body: { success: true, message: "OK", result: { boundaryId: id } },
    });
    expect(emu.admin.getBoundary(id)).toBeUndefined();
    const notFound = { status: 404, body: { success: false, message: `Boundary ${id} not found` } };
    expect(await send("DELETE", `/boundaries/${id}`)).toEqual(notFound);
    expect(await send("PATCH", `/boundaries/${id}`, { name: "x" })).toEqual(notFound);
  });

  it("rejects a non-numeric boundary id", async () => {
    const { status, body } = await send("DELETE", "/boundaries/abc");
    expect(status).toBe(400);
    expect(body.message).toMatch(/boundaryId/);
  });

  it("paginates the list over several pages", async () => {
    for (let i = 0; i < 5; i++) await create({ name: `Page ${i}`, geometry: square(i, i) });
    const all = emu.admin.listBoundaries().map((b) => b.boundaryId);
    const seen: number[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      const { body } = await send("GET", `/boundaries?limit=3${next ? `&nextToken=${next}` : ""}`);
      seen.push(...body.result.items.map((b: Boundary) => b.boundaryId));
      next = body.result.nextToken;
      pages++;
    } while (next);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(seen).toEqual(all);
  });
});

describe("boundary validation", () => {
  const ring = (coords: unknown[][]) => ({ ...square(), geometry: { type: "Polygon", coordinates: [coords] } });
  const closed = [
    [0, 0],
    [1, 0],
    [1, 1],
    [0, 0],
  ];

  it.each<[string, unknown, RegExp]>([
    ["missing name", { geometry: square() }, /^name is required/],
    ["missing geometry", { name: "x" }, /^geometry is required/],
    ["blank name", { name: " ", geometry: square() }, /^name /],
    ["bad color", { name: "x", color: "purple", geometry: square() }, /^color /],
    ["unknown field", { name: "x", geometry: square(), boundaryId: 1 }, /Unknown field\(s\): boundaryId/],
    ["a bare Polygon", { name: "x", geometry: square().geometry }, /^geometry must be a GeoJSON Feature/],
    [
      "a Point",
      { name: "x", geometry: { type: "Feature", properties: {}, geometry: { type: "Point", coordinates: [0, 0] } } },
      /^geometry\.geometry must be a Polygon/,
    ],
    [
      "no rings",
      { name: "x", geometry: { ...square(), geometry: { type: "Polygon", coordinates: [] } } },
      /coordinates/,
    ],
    ["too few positions", { name: "x", geometry: ring(closed.slice(1)) }, /coordinates\[0\] must be a ring/],
    ["an open ring", { name: "x", geometry: ring([...closed.slice(0, 3), [2, 2]]) }, /coordinates\[0\] is not closed/],
    [
      "longitude out of range",
      {
        name: "x",
        geometry: ring([
          [0, 0],
          [181, 0],
          [1, 1],
          [0, 0],
        ]),
      },
      /\[0\]\[1\] longitude/,
    ],
    [
      "latitude out of range",
      {
        name: "x",
        geometry: ring([
          [0, 0],
          [1, -91],
          [1, 1],
          [0, 0],
        ]),
      },
      /\[0\]\[1\] latitude/,
    ],
    [
      "a non-number position",
      {
        name: "x",
        geometry: ring([
          [0, 0],
          [1, "0"],
          [1, 1],
          [0, 0],
        ]),
      },
      /\[0\]\[1\]/,
    ],
  ])("rejects %s", async (_, body, message) => {
    const before = emu.admin.listBoundaries().length;
    const res = await create(body);
    expect(res.status).toBe(400);
    expect(res.body.success).toBe(false);
    expect(res.body.message).toMatch(message);
    expect(emu.admin.listBoundaries()).toHaveLength(before);
  });

  it("validates updates the same way", async () => {
    const created: Boundary = (await create({ name: "V", geometry: square() })).body.result;
    const bad = await send("PATCH", `/boundaries/${created.boundaryId}`, {
      geometry: ring([
        [0, 0],
        [1, 0],
        [1, 1],
        [2, 2],
      ]),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^geometry\.geometry\.coordinates\[0\] is not closed/);
    expect((await send("PATCH", `/boundaries/${created.boundaryId}`, {})).status).toBe(400);
  });
});
