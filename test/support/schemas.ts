/**
 * Validation against Microsoft's published schemas in test/fixtures/schemas (copied from Microsoft's published files; its README says where each came from):
 * Adaptive Cards 1.5, the Graph v1.0 subset, the Teams app manifest 1.24 and its localization files.
 * Each validator returns readable error strings; an empty array means valid.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type AnySchemaObject, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';

// ajv-formats is CommonJS; under NodeNext its default import is the module object.
const addFormats = addFormatsPlugin.default;

const schemasDir = new URL('../fixtures/schemas/', import.meta.url);

// JSON Schema documents are untyped JSON trees; the converters below walk them generically.
type JsonNode = unknown;
type JsonObject = Record<string, JsonNode>;

function readSchema(fileName: string): JsonObject {
  return JSON.parse(readFileSync(new URL(fileName, schemasDir), 'utf8')) as JsonObject;
}

function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'} ${JSON.stringify(error.params)}`);
}

function errorsOf(validate: ValidateFunction, value: unknown): string[] {
  return validate(value) ? [] : describeErrors(validate.errors);
}

// --- Adaptive Cards 1.5 (draft-06) ----------------------------------------------------------

const cardValidator = (() => {
  // strict: false lets Ajv ignore the schema's own "version"/"features" keywords.
  const ajv = new Ajv({ strict: false, allErrors: true });
  const draft06 = createRequire(import.meta.url)('ajv/dist/refs/json-schema-draft-06.json') as AnySchemaObject;
  ajv.addMetaSchema(draft06);
  addFormats(ajv);
  // Ajv 8 refuses the draft-06 "id" keyword at the root; it means "$id".
  const { id, ...card } = readSchema('adaptive-card-1.5.json');
  return ajv.compile({ ...card, $id: String(id) });
})();

const chartValidator = new Ajv({ strict: false, allErrors: true }).compile(readSchema('teams-charts.schema.json'));

/**
 * Teams' chart elements (`Chart.*`) are not Adaptive Cards 1.5: each is checked against the chart schema, and
 * the card is checked as a client that does not draw charts sees it, with each chart replaced by its fallback.
 */
function withChartsChecked(node: JsonNode, path: string, problems: string[]): JsonNode {
  if (Array.isArray(node)) return node.map((item, index) => withChartsChecked(item, `${path}/${index}`, problems));
  if (typeof node !== 'object' || node === null) return node;
  const element = node as JsonObject;
  if (typeof element['type'] === 'string' && element['type'].startsWith('Chart.')) {
    problems.push(...errorsOf(chartValidator, element).map((error) => `${path} ${error}`));
    return withChartsChecked(element['fallback'], `${path}/fallback`, problems);
  }
  return Object.fromEntries(Object.entries(element).map(([key, value]) => [key, withChartsChecked(value, `${path}/${key}`, problems)]));
}

export function validateCard(card: unknown): string[] {
  const problems: string[] = [];
  const asDrawnWithoutCharts = withChartsChecked(card, '', problems);
  return [...problems, ...errorsOf(cardValidator, asDrawnWithoutCharts)];
}

// --- Microsoft Graph v1.0 subset (OpenAPI 3.0 schema objects) ---------------------------------

/**
 * OpenAPI 3.0 schema objects → JSON Schema, as the schemas README prescribes: `nullable` becomes
 * a null type, the converter's "or null" placeholder `{type: object, nullable: true}` becomes
 * `{type: 'null'}` (read literally it would accept any object), and the `@odata.type` that the
 * converter marks required (real Graph omits it) is no longer required.
 */
function openApiToJsonSchema(node: JsonNode): JsonNode {
  if (Array.isArray(node)) return node.map(openApiToJsonSchema);
  if (typeof node !== 'object' || node === null) return node;
  const schema = node as JsonObject;
  if (schema['nullable'] === true && schema['type'] === 'object' && Object.keys(schema).length === 2) return { type: 'null' };
  const converted: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'nullable' || key === 'discriminator' || key.startsWith('x-')) continue;
    converted[key] = openApiToJsonSchema(value);
  }
  if (schema['nullable'] === true && typeof schema['type'] === 'string') converted['type'] = [schema['type'], 'null'];
  if (Array.isArray(converted['required'])) {
    const required = converted['required'].filter((name) => name !== '@odata.type');
    if (required.length === 0) delete converted['required'];
    else converted['required'] = required;
  }
  return converted;
}

const graphAjv = (() => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  // OpenAPI's numeric and binary formats are not JSON Schema formats; accept them as declared.
  for (const format of ['int8', 'int16', 'int32', 'int64', 'uint8', 'float', 'double', 'decimal', 'base64url']) {
    ajv.addFormat(format, true);
  }
  ajv.addSchema({ $id: 'graph', components: openApiToJsonSchema(readSchema('graph-v1.0-subset.json')['components']) });
  return ajv;
})();

/** e.g. validateGraph('microsoft.graph.invitation', body) or validateGraph('microsoft.graph.ODataErrors.ODataError', error). */
export function validateGraph(schemaName: string, body: unknown): string[] {
  const validate = graphAjv.getSchema(`graph#/components/schemas/${schemaName}`);
  if (validate === undefined) throw new Error(`The Graph subset has no schema named '${schemaName}'`);
  return errorsOf(validate, body);
}

// --- Teams app manifest 1.24 (draft-04) -------------------------------------------------------

// ajv-draft-04 is not installed. The manifest schema uses no draft-04-only semantics (no boolean
// exclusiveMinimum/Maximum, no root "id"), so plain Ajv 8 validates it once the draft-04
// "$schema" declaration, which Ajv 8 cannot resolve, is removed.
const manifestValidator = (() => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const { $schema: _draft04, ...manifest } = readSchema('teams-manifest-1.24.schema.json');
  return ajv.compile(manifest);
})();

export function validateManifest(manifest: unknown): string[] {
  return errorsOf(manifestValidator, manifest);
}

// --- Teams app localization files 1.24 (draft-04) ---------------------------------------------

// Some of its key patterns hold an unescaped `]` (activities.activityTypes[…]), which a Unicode-mode RegExp
// refuses: they are compiled as plain JavaScript regular expressions, as a draft-04 validator would.
const localizationValidator = (() => {
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  const { $schema: _draft04, ...localization } = readSchema('teams-localization-1.24.schema.json');
  return ajv.compile(localization);
})();

export function validateLocalization(file: unknown): string[] {
  return errorsOf(localizationValidator, file);
}
