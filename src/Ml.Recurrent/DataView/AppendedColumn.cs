using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Recurrent.DataView;

/// <summary>A column that a transformer appends to its input: name, type and annotations.</summary>
internal sealed record AppendedColumn(string Name, DataViewType Type, DataViewSchema.Annotations? Annotations = null);
