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
    /// <summary>
    /// Throws <see cref="ArgumentException"/> if <see cref="Read"/> would refuse what <see cref="Write"/> writes for
    /// <paramref name="module"/> for its size (too many tensors, a long name, a high rank, over 1 GiB in all): checked
    /// before training, so that no training ends in a model that cannot be loaded.
    /// </summary>
    public static void CheckWritable(nn.Module module)
    {
        using var scope = NewDisposeScope();
        Dictionary<string, Tensor> state = module.state_dict();
        string? problem = state.Count > StoredLimits.WeightTensors
            ? $"{state.Count} weight tensors; a model holds at most {StoredLimits.WeightTensors}"
            : null;
        long bytes = sizeof(int);
        foreach ((string name, Tensor value) in state)
        {
            int nameBytes = System.Text.Encoding.UTF8.GetByteCount(name);
            if (nameBytes > StoredLimits.WeightNameBytes)
                problem ??= $"a weight named '{name}' ({nameBytes} UTF-8 bytes; at most " +
                    $"{StoredLimits.WeightNameBytes})";
            if (value.shape.Length > StoredLimits.WeightRank)
                problem ??= $"a weight '{name}' of rank {value.shape.Length} (at most {StoredLimits.WeightRank})";
            if (value.numel() > int.MaxValue)
                problem ??= $"a weight '{name}' of {value.numel()} values (at most {int.MaxValue})";
            bytes += sizeof(int) + nameBytes + sizeof(int) + sizeof(long) * value.shape.Length + 4 * value.numel();
        }

        if (bytes > ModelFormat.MaximumPayload) problem ??= TooLarge(bytes);
        if (problem is not null) throw Unsavable(problem);
    }

    /// <summary>The same check on the embedding alone (rows × width), before a module is allocated.</summary>
    public static void CheckWritableEmbedding(long rows, long width)
    {
        long bytes = rows * width * sizeof(float);
        if (bytes > ModelFormat.MaximumPayload)
            throw Unsavable($"an embedding of {rows} rows (the token column's keys and reserved rows) × {width} " +
                $"(EmbeddingSize) = {TooLarge(bytes)}");
    }

    private static string TooLarge(long bytes) =>
        $"{bytes} bytes of weights; a model holds at most {ModelFormat.MaximumPayload} (1 GiB)";

    private static ArgumentException Unsavable(string problem) =>
        new($"The model to train would have {problem}, so it could be trained but not loaded again. Use a smaller " +
            "vocabulary (MaximumVocabularySize of the tokenizer) or a smaller EmbeddingSize, HiddenSize or " +
            "NumberOfLayers.", "options");

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
            writer.Write(name, "weight name", StoredLimits.WeightNameBytes);
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
        int count = reader.ReadInt32("tensor count", 0, StoredLimits.WeightTensors);
        if (count != expected.Count)
            throw new InvalidDataException($"The model entry '{entry}' holds {count} weight tensors; the saved " +
                $"options describe a model with {expected.Count}.");
        var loaded = new Dictionary<string, Tensor>(count);
        try
        {
            for (int i = 0; i < count; i++)
            {
                string name = reader.ReadString("tensor name", StoredLimits.WeightNameBytes);
                if (!expected.TryGetValue(name, out Tensor? target))
                    throw new InvalidDataException($"The model entry '{entry}' holds a weight '{name}' that the " +
                        $"model does not have.");
                int rank = reader.ReadInt32($"rank of '{name}'", 0, StoredLimits.WeightRank);
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
