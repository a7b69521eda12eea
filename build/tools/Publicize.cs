// Compile-time helper: writes a copy of a .NET assembly in which internal types, methods and fields are
// public. Used only for the reference assemblies the compiler sees (build/Publicize.targets); at run time
// the real, unmodified assemblies load and [IgnoresAccessChecksTo] in Ml.Recurrent permits the access.
// Private members stay private. The strong-name signature of the copy becomes invalid; the compiler
// does not check it.
// Usage: dotnet run --file Publicize.cs -- <input.dll> <output.dll>
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Publicize.cs <input.dll> <output.dll>");
    return 2;
}

string input = args[0], output = args[1];
byte[] image = File.ReadAllBytes(input);
int types = 0, methods = 0, fields = 0;

using (var pe = new PEReader(new MemoryStream(image, writable: false)))
{
    MetadataReader md = pe.GetMetadataReader();
    int metadataStart = pe.PEHeaders.MetadataStartOffset;
    int RowOffset(TableIndex table, int row) =>
        metadataStart + md.GetTableMetadataOffset(table) + (row - 1) * md.GetTableRowSize(table);

    // TypeDef row: Flags (uint32) first.
    foreach (TypeDefinitionHandle handle in md.TypeDefinitions)
    {
        TypeDefinition type = md.GetTypeDefinition(handle);
        TypeAttributes visibility = type.Attributes & TypeAttributes.VisibilityMask;
        TypeAttributes widened = visibility switch
        {
            TypeAttributes.NotPublic => TypeAttributes.Public,
            TypeAttributes.NestedAssembly or TypeAttributes.NestedFamORAssem or TypeAttributes.NestedFamANDAssem => TypeAttributes.NestedPublic,
            _ => visibility,
        };
        if (widened == visibility || md.GetString(type.Name) == "<Module>") continue;
        uint flags = (uint)((type.Attributes & ~TypeAttributes.VisibilityMask) | widened);
        BitConverter.TryWriteBytes(image.AsSpan(RowOffset(TableIndex.TypeDef, MetadataTokens.GetRowNumber(handle)), 4), flags);
        types++;
    }

    // MethodDef row: RVA (4), ImplFlags (2), Flags (2).
    foreach (MethodDefinitionHandle handle in md.MethodDefinitions)
    {
        MethodAttributes attributes = md.GetMethodDefinition(handle).Attributes;
        MethodAttributes access = attributes & MethodAttributes.MemberAccessMask;
        if (access is not (MethodAttributes.Assembly or MethodAttributes.FamORAssem or MethodAttributes.FamANDAssem)) continue;
        ushort flags = (ushort)((attributes & ~MethodAttributes.MemberAccessMask) | MethodAttributes.Public);
        BitConverter.TryWriteBytes(image.AsSpan(RowOffset(TableIndex.MethodDef, MetadataTokens.GetRowNumber(handle)) + 6, 2), flags);
        methods++;
    }

    // Field row: Flags (uint16) first.
    foreach (FieldDefinitionHandle handle in md.FieldDefinitions)
    {
        FieldAttributes attributes = md.GetFieldDefinition(handle).Attributes;
        FieldAttributes access = attributes & FieldAttributes.FieldAccessMask;
        if (access is not (FieldAttributes.Assembly or FieldAttributes.FamORAssem or FieldAttributes.FamANDAssem)) continue;
        ushort flags = (ushort)((attributes & ~FieldAttributes.FieldAccessMask) | FieldAttributes.Public);
        BitConverter.TryWriteBytes(image.AsSpan(RowOffset(TableIndex.Field, MetadataTokens.GetRowNumber(handle)), 2), flags);
        fields++;
    }
}

Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
string temporary = output + ".tmp";
File.WriteAllBytes(temporary, image);
File.Move(temporary, output, overwrite: true);
Console.WriteLine($"publicized {Path.GetFileName(input)}: {types} types, {methods} methods, {fields} fields -> {output}");
return 0;
