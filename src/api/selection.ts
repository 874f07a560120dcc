/**
 * Reads the selection under the field being resolved into the compiler's request (src/graph/read/request.ts),
 * with GraphQL's own semantics: fields are collected per concrete type by graphql-tools' collectSubFields
 * (fragments, inline fragments, type conditions, @skip and @include), so a skipped field is never
 * compiled, and each type of an interface gets exactly the fields asked of it. Arguments are coerced by
 * graphql-js and checked once (arguments.ts).
 */
import { collectSubFields, type VariableValues } from '@graphql-tools/utils';
import {
  getArgumentValues,
  getNamedType,
  isAbstractType,
  isInterfaceType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import { ENTITY } from '../model.ts';
import { NO_SELECTION, type RequestedField, type Selection } from '../graph/read/request.ts';
import { readNestedArguments, type IsLiteral, type RawArguments } from './arguments.ts';

interface Context {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** The variables as graphql-tools' field collection reads them (for @skip and @include). */
  collected: VariableValues;
}

/** The selection under the field being resolved, per concrete type of its (named) return type. */
export function requestedSelection(info: GraphQLResolveInfo): Selection {
  const context: Context = {
    schema: info.schema,
    fragments: info.fragments,
    variables: info.variableValues,
    collected: { coerced: info.variableValues, sources: {} },
  };
  return collectSelection(context, getNamedType(info.returnType), [...info.fieldNodes]);
}

/** The arguments of the field being resolved, coerced, with the schema's default wherever a client sent null. */
export function rootArgumentsOf(info: GraphQLResolveInfo): { raw: RawArguments; literal: IsLiteral } {
  const definition = info.parentType.getFields()[info.fieldName]!;
  const node = info.fieldNodes[0]!;
  return { raw: coercedArguments(definition, node, info.variableValues), literal: isLiteral(node) };
}

function coercedArguments(definition: GraphQLField<unknown, unknown>, node: FieldNode, variables: Record<string, unknown>): RawArguments {
  const values = getArgumentValues(definition, node, variables);
  for (const argument of definition.args) {
    if (values[argument.name] === null && argument.defaultValue !== undefined) values[argument.name] = argument.defaultValue;
  }
  return values;
}

/** An argument the operation leaves out (its default applies) or spells out without variables. */
function isLiteral(node: FieldNode): IsLiteral {
  return (name) => !usesVariable(node.arguments?.find((argument) => argument.name.value === name)?.value);
}

function usesVariable(value: ValueNode | undefined): boolean {
  if (!value) return false;
  if (value.kind === Kind.VARIABLE) return true;
  if (value.kind === Kind.LIST) return value.values.some(usesVariable);
  if (value.kind === Kind.OBJECT) return value.fields.some((field) => usesVariable(field.value));
  return false;
}

/**
 * Per concrete type, the fields collected from `nodes`' selection sets. A field collected for
 * several types from the very same field nodes (an interface field outside any fragment, or inside
 * a fragment on the interface) is one request object shared by those types: the compiler projects
 * it once, however many types ask for it, and nested interfaces cost no more than nested objects.
 */
function collectSelection(context: Context, type: GraphQLNamedType, nodes: FieldNode[]): Selection {
  if (!nodes.some((node) => node.selectionSet)) return NO_SELECTION;
  const types = isAbstractType(type) ? context.schema.getPossibleTypes(type) : isObjectType(type) ? [type] : [];
  const selection = new Map<string, RequestedField[]>();
  const shared = new Map<string, RequestedField>();
  // Without fragments, every type collects the same fields: collected once, for the first type.
  const plain = nodes.every((node) => node.selectionSet?.selections.every((selected) => selected.kind === Kind.FIELD) ?? true);
  let collected: ReturnType<typeof collectSubFields> | undefined;
  for (const objectType of types) {
    const { fields } = plain
      ? (collected ??= collectSubFields(context.schema, context.fragments, context.collected, objectType, nodes))
      : collectSubFields(context.schema, context.fragments, context.collected, objectType, nodes);
    const requested = [...fields].map(([key, fieldNodes]) => {
      const name = fieldNodes[0]!.name.value;
      // An Entity field means the same on every entity type; another type's own field is its own.
      const isEntity = isEntityField(context.schema, objectType, name);
      const identity = `${isEntity ? ENTITY : objectType.name}.${key}:${fieldNodes.map(nodeId).join(',')}`;
      let field = shared.get(identity);
      if (!field) shared.set(identity, (field = requestedField(context, objectType, isEntity, key, fieldNodes)));
      return field;
    });
    selection.set(objectType.name, requested);
  }
  return selection;
}

function isEntityField(schema: GraphQLSchema, type: GraphQLObjectType, name: string): boolean {
  const entity = schema.getType(ENTITY);
  return isInterfaceType(entity) && name in entity.getFields() && type.getInterfaces().includes(entity);
}

function requestedField(context: Context, parent: GraphQLObjectType, isEntity: boolean, key: string, nodes: FieldNode[]): RequestedField {
  const node = nodes[0]!;
  const name = node.name.value;
  const definition = parent.getFields()[name];
  if (!definition) return { key, name, args: {}, selection: NO_SELECTION };
  const args = readNestedArguments(parent.name, name, isEntity, coercedArguments(definition, node, context.variables), isLiteral(node));
  return { key, name, args, selection: collectSelection(context, getNamedType(definition.type), nodes) };
}

/** Field nodes are compared by identity: the same node collected for two types is the same request. */
const nodeIds = new WeakMap<FieldNode, number>();
let nextNodeId = 0;
function nodeId(node: FieldNode): number {
  let id = nodeIds.get(node);
  if (id === undefined) nodeIds.set(node, (id = nextNodeId++));
  return id;
}
