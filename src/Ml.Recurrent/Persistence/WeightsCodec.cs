using static TorchSharp.torch;

namespace Ml.Recurrent.Persistence;

/// <summary>
/// Writes and reads a module's parameters in our own simple format, checked against the module the loader
/// rebuilt from the saved options: a wrong name, count or shape is a clear error, never a native crash.
/// </summary>
/// <remarks>
/// Layout (inside a checksummed block, see <see cref="ModelFormat"/>):
/// <code>
/// int32 tensor count
/// per tensor, in state_dict order:
///   string name (int32 byte length + UTF-8)
///   int32  rank r, then r × int64 dimensions
///   float32 × product(dimensions) values, little-endian
/// </code>
/// </remarks>
internal static class WeightsCodec
{
    public static byte[] Write(nn.Module module)
    {
        // The detached CPU copies alias the weights: without a scope they would keep them alive until the GC runs.
        using var scope = NewDisposeScope();
        using var writer = new PayloadWriter();
        Dictionary<string, Tensor> state = module.state_dict();
        writer.Write(state.Count);
        foreach ((string name, Tensor value) in state)
        {
            using Tensor cpu = value.detach().to(ScalarType.Float32).cpu().contiguous();
            writer.Write(name, "weight name");
            writer.Write((int)cpu.shape.Length);
            foreach (long dimension in cpu.shape) writer.Write(dimension);
            writer.Write(cpu.data<float>().ToArray());
        }

        return writer.ToArray();
    }

    public static void Read(nn.Module module, byte[] payload, string entry)
    {
        Dictionary<string, Tensor> expected = module.state_dict();
        using var reader = new PayloadReader(payload, entry);
        int count = reader.ReadInt32("tensor count", 0, 100_000);
        if (count != expected.Count)
            throw new InvalidDataException($"The model entry '{entry}' holds {count} weight tensors; the saved " +
                $"options describe a model with {expected.Count}.");
        var loaded = new Dictionary<string, Tensor>(count);
        try
        {
            for (int i = 0; i < count; i++)
            {
                string name = reader.ReadString("tensor name", 1024);
                if (!expected.TryGetValue(name, out Tensor? target))
                    throw new InvalidDataException($"The model entry '{entry}' holds a weight '{name}' that the " +
                        $"model does not have.");
                int rank = reader.ReadInt32($"rank of '{name}'", 0, 8);
                var shape = new long[rank];
                for (int d = 0; d < rank; d++) shape[d] =
                    reader.ReadInt64($"dimension {d} of '{name}'", 0, int.MaxValue);
                if (!shape.SequenceEqual(target.shape))
                    throw new InvalidDataException($"The model entry '{entry}': weight '{name}' has shape " +
                        $"[{string.Join(", ", shape)}]; the saved options need [{string.Join(", ", target.shape)}].");
                float[] values =
                    reader.ReadSingles($"values of '{name}'", checked((int)shape.Aggregate(1L, (a, b) => a * b)));
                if (values.Any(v => !float.IsFinite(v)))
                    throw new InvalidDataException($"The model entry '{entry}': weight '{name}' holds a non-finite " +
                        $"value.");
                Tensor t = tensor(values, shape);
                t.DetachFromDisposeScope();
                loaded[name] = t;
            }

            reader.EnsureEnd();
            module.load_state_dict(loaded, strict: true);
        }
        finally
        {
            foreach (Tensor t in loaded.Values) t.Dispose();
        }
    }
}
