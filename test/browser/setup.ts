// Runs in every browser-test file: the file's Chromium closes when its tests are done.
import { afterAll } from "vitest";
import { closeBrowser } from "./browser";

afterAll(closeBrowser);
