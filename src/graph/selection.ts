/**
 * Reads a GraphQL selection into a plain tree of requested fields: fragments are flattened (all
 * type conditions together: a field that does not apply to a node's type is computed and ignored),
 * aliases become the keys, and arguments are resolved against the operation's variables.
 */
import {
  getArgumentValues,
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

export interface RequestedField {
  /** The response key: the alias, or else the field name. */
  key: string;
  name: string;
  args: Record<string, unknown>;
  /**
   * The arguments whose values the operation itself spells out (literals or defaults, no
   * variables): Cypher may be specialised for them, as the operation's text already fixes them.
   */
  fixed?: ReadonlySet<string>;
  /** Sub-fields, by response key. */
  fields: RequestedField[];
}

interface Context {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

/** The fields requested under the field being resolved. */
export function requestedFields(info: GraphQLResolveInfo): RequestedField[] {
  const context: Context = { schema: info.schema, fragments: info.fragments, variables: info.variableValues };
  const type = getNamedType(info.returnType).name;
  const sets = info.fieldNodes.map((node) => node.selectionSet).filter((set): set is SelectionSetNode => set !== undefined);
  return collect(context, sets, type);
}

/** The arguments of the field being resolved that its operation spells out (see RequestedField.fixed). */
export function fixedArguments(info: GraphQLResolveInfo, args: Record<string, unknown>): ReadonlySet<string> {
  const node = info.fieldNodes[0];
  return new Set(Object.keys(args).filter((arg) => !usesVariable(node?.arguments?.find((a) => a.name.value === arg)?.value)));
}

function fieldDefinition(context: Context, typeName: string, name: string): GraphQLField<unknown, unknown> | undefined {
  const type = context.schema.getType(typeName);
  if (isObjectType(type) || isInterfaceType(type)) return type.getFields()[name];
  return undefined;
}

function usesVariable(value: ValueNode | undefined): boolean {
  if (!value) return false;
  if (value.kind === Kind.VARIABLE) return true;
  if (value.kind === Kind.LIST) return value.values.some(usesVariable);
  if (value.kind === Kind.OBJECT) return value.fields.some((field) => usesVariable(field.value));
  return false;
}

function collect(context: Context, sets: readonly SelectionSetNode[], typeName: string): RequestedField[] {
  const byKey = new Map<string, { name: string; typeName: string; nodes: FieldNode[] }>();
  const visit = (set: SelectionSetNode, onType: string) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const entry = byKey.get(key) ?? { name: selection.name.value, typeName: onType, nodes: [] };
        entry.nodes.push(selection);
        byKey.set(key, entry);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, selection.typeCondition?.name.value ?? onType);
      } else {
        const fragment = context.fragments[selection.name.value];
        if (fragment) visit(fragment.selectionSet, fragment.typeCondition.name.value);
      }
    }
  };
  for (const set of sets) visit(set, typeName);

  return [...byKey].map(([key, { name, typeName: onType, nodes }]) => {
    const definition = fieldDefinition(context, onType, name);
    const args = definition ? getArgumentValues(definition, nodes[0]!, context.variables) : {};
    const childType = definition ? getNamedType(definition.type).name : onType;
    const childSets = nodes.map((node) => node.selectionSet).filter((set): set is SelectionSetNode => set !== undefined);
    const fixed = new Set(Object.keys(args).filter((arg) => !usesVariable(nodes[0]!.arguments?.find((node) => node.name.value === arg)?.value)));
    return { key, name, args, fixed, fields: childSets.length > 0 ? collect(context, childSets, childType) : [] };
  });
}
