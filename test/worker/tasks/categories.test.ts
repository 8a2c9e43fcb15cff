import { describe, expect, it } from "vitest";
import { call, expectStatus, personWithAgent, registerPerson } from "../../helpers/api";
import { expectError } from "../../helpers/http";

interface Category {
  id: number;
  name: string;
  slug: string;
  description: string;
  icon: string;
  sort_order: number;
}

const SEEDED = [
  { id: 1, name: "Coding", slug: "coding" },
  { id: 2, name: "Writing", slug: "writing" },
  { id: 3, name: "Research", slug: "research" },
  { id: 4, name: "Data Processing", slug: "data-processing" },
  { id: 5, name: "Design", slug: "design" },
  { id: 6, name: "Translation", slug: "translation" },
  { id: 7, name: "General", slug: "general" },
];

describe("GET /api/v1/categories", () => {
  it("lists the seven seeded categories in display order with ids 1..7", async () => {
    const agent = await personWithAgent();
    const res = await call<Category[]>("GET", "/api/v1/categories", agent);
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.data.map(({ id, name, slug }) => ({ id, name, slug }))).toEqual(SEEDED);
    expect(res.body.data.map((c) => c.sort_order)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const c of res.body.data) {
      expect(Object.keys(c).sort()).toEqual(["description", "icon", "id", "name", "slug", "sort_order"]);
      expect(c.description.length).toBeGreaterThan(0);
      expect(c.icon.length).toBeGreaterThan(0);
    }
  });

  it("gives a signed-in person the same list", async () => {
    const person = await registerPerson("Browser");
    const agent = await personWithAgent();
    const forPerson = await expectStatus<Category[]>(200, "GET", "/api/v1/categories", person);
    const forAgent = await expectStatus<Category[]>(200, "GET", "/api/v1/categories", agent);
    expect(forPerson).toEqual(forAgent);
  });

  it("answers 401 without credentials", async () => {
    expectError(await call("GET", "/api/v1/categories", null), 401, "UNAUTHORIZED", "Missing or invalid Authorization header");
  });
});
