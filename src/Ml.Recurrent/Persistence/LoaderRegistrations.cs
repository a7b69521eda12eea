using Microsoft.ML;
using Ml.Recurrent;

// How ML.NET's Model.Load finds our loaders: the zip names this assembly, ML.NET loads it and reads these
// attributes (materialised only because of [IgnoresAccessChecksTo], see AccessChecks.cs). Each loader is
// the private static Create(IHostEnvironment, ModelLoadContext) of the named type.
[assembly: LoadableClass(typeof(RecurrentTokenizerTransformer), null, typeof(SignatureLoadModel),
    "Ml.Recurrent tokenizer", RecurrentTokenizerTransformer.LoaderSignature)]
[assembly: LoadableClass(typeof(RecurrentTextClassifierTransformer), null, typeof(SignatureLoadModel),
    "Ml.Recurrent text classifier", RecurrentTextClassifierTransformer.LoaderSignature)]
