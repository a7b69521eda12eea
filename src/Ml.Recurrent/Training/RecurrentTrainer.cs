using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.Runtime;
using Ml.Recurrent.Modeling;
using Ml.Recurrent.Runtime;
using Ml.Recurrent.Sequences;
using Ml.Recurrent.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace Ml.Recurrent.Training;

/// <summary>
/// The training loop: length-bucketed batches, one dispose scope per batch, the optimiser and schedule,
/// gradient clipping, per-epoch validation with best-epoch restore and early stopping, progress and
/// cancellation between batches.
/// </summary>
internal sealed class RecurrentTrainer
{
    private readonly ITrainingSettings _options;
    private readonly ClassificationTask _task;
    private readonly IChannel _channel;
    private readonly Func<bool> _externallyCanceled;

    public RecurrentTrainer(ITrainingSettings options, ClassificationTask task, IChannel channel,
        Func<bool> externallyCanceled)
    {
        _options = options;
        _task = task;
        _channel = channel;
        _externallyCanceled = externallyCanceled;
    }

    /// <summary>Trains a new module of <paramref name="architecture"/>; the caller owns the returned module.</summary>
    public (RecurrentClassifierModule Module, TrainingHistory History) Train(
        RecurrentArchitecture architecture, TokenSequenceStore train, TokenSequenceStore? validation, int seed,
        int skippedRows, PretrainedEmbedding? vectors = null)
    {
        torch.manual_seed(seed);
        var random = new Random(seed);
        Persistence.WeightsCodec.CheckWritableEmbedding(architecture.EmbeddingRows, architecture.EmbeddingSize);
        var module = new RecurrentClassifierModule(architecture);
        try
        {
            Persistence.WeightsCodec.CheckWritable(module);
            vectors?.Initialize(module);
            module.FitBagOfNgramsWeights(train);
            var history = Run(module, train, validation, random, vectors);
            return (module,
                new TrainingHistory(history.Epochs, history.Kept, history.StoppedEarly, train.Count, skippedRows)
                {
                    BagOfNgramsTraining = history.Training, RecurrentShare = history.Share?.Share,
                });
        }
        catch
        {
            module.Dispose();
            throw;
        }
    }

    private (List<EpochRecord> Epochs, int Kept, bool StoppedEarly, BagOfNgramsTraining? Training,
        RecurrentShareChoice? Share) Run(RecurrentClassifierModule module,
        TokenSequenceStore train, TokenSequenceStore? validation, Random random, PretrainedEmbedding? vectors)
    {
        var batcher = new LengthBucketBatcher(_options.BatchSize, _options.MaximumTokensPerBatch,
            module.Architecture.TokenCost);
        int batchesPerEpoch = batcher.CountBatches(train);
        BagOfNgramsTraining training = TrainingObjective.Resolve(_options.BagOfNgramsTraining, module.Architecture,
            train);
        if (module.HasBagOfNgrams)
            _channel.Info(MessageSensitivity.None, $"Bag-of-n-grams path trained {training} " +
                (_options.BagOfNgramsTraining is null ? "(the default rule's choice for these texts)." : "(as set)."));
        var schedule =
            new LearningRateSchedule(_options.LearningRateSchedule, _options.LearningRate,
                (long)batchesPerEpoch * _options.NumberOfEpochs);
        using var optimizer =
            OptimizerFactory.Create(_options.Optimizer, module.parameters(), _options.LearningRate,
                _options.WeightDecay);
        var epochs = new List<EpochRecord>();
        Dictionary<string, Tensor>? best = null;
        double bestScore = double.NegativeInfinity;
        int keptEpoch = _options.NumberOfEpochs, sinceBest = 0;
        bool stoppedEarly = false;
        long step = 0;
        try
        {
            for (int epoch = 1; epoch <= _options.NumberOfEpochs; epoch++)
            {
                var clock = Stopwatch.StartNew();
                module.train();
                double lossSum = 0, lr = 0;
                long correct = 0, seen = 0, tokens = 0;
                List<int[]> batches = batcher.MakeBatches(train, random);
                for (int b = 0; b < batches.Count; b++)
                {
                    ThrowIfCanceled(epoch, b, batches.Count);
                    int[] rows = batches[b];
                    lr = schedule.At(step++);
                    optimizer.LearningRate = lr;
                    using (NewDisposeScope())
                    {
                        (Tensor batchTokens, Tensor lengths) = BatchCollator.Collate(train, rows);
                        int[] labels = rows.Select(train.Label).ToArray();
                        optimizer.ZeroGrad();
                        (Tensor minimised, Tensor logits, Tensor loss) = TrainingObjective.Compute(module, _task,
                            training, batchTokens, lengths, labels);
                        float batchLoss = loss.item<float>();
                        float minimisedLoss = ReferenceEquals(minimised, loss) ? batchLoss : minimised.item<float>();
                        if (!float.IsFinite(minimisedLoss))
                            throw Diverged($"the loss of batch {b + 1} of {batches.Count} in epoch {epoch} " +
                                $"is {minimisedLoss}");
                        minimised.backward();
                        vectors?.HoldGradients(module);
                        if (_options.GradientClippingNorm is { } clip) nn.utils.clip_grad_norm_(module.parameters(),
                            clip);
                        optimizer.Step();
                        vectors?.Restore(module);
                        lossSum += batchLoss * rows.Length;
                        correct += _task.CountCorrect(logits.detach(), labels);
                    }

                    seen += rows.Length;
                    foreach (int row in rows) tokens += train.Length(row);
                    if (b + 1 < batches.Count)
                        _options.Progress?.Report(new TrainingProgress(epoch, _options.NumberOfEpochs, b + 1,
                            batches.Count, lossSum / seen, null));
                }

                (double Loss, double Accuracy)? validated = validation is null ? null
                    : Evaluate(module, validation, epoch);
                clock.Stop();
                NativeMemory.Trim();
                var record =
                    new EpochRecord(epoch, lossSum / seen, (double)correct / seen, validated?.Loss, validated?.Accuracy,
                    lr, clock.Elapsed.TotalSeconds, tokens / Math.Max(clock.Elapsed.TotalSeconds, 1e-9));
                epochs.Add(record);
                Log(record);
                _options.Progress?.Report(new TrainingProgress(epoch, _options.NumberOfEpochs, batches.Count,
                    batches.Count, record.TrainingLoss, record));

                if (validated is { } v)
                {
                    double score = Score(v);
                    if (score > bestScore)
                    {
                        bestScore = score;
                        keptEpoch = epoch;
                        sinceBest = 0;
                        DisposeAll(best);
                        best = Snapshot(module);
                    }
                    else if (_options.EarlyStoppingPatience is { } patience && ++sinceBest >= patience
                        && epoch < _options.NumberOfEpochs)
                    {
                        stoppedEarly = true;
                        _channel.Info(MessageSensitivity.None,
                            $"Early stopping after epoch {epoch}: validation {MetricName} has not improved for " +
                            $"{patience} epoch(s); keeping epoch {keptEpoch}.");
                        break;
                    }
                }
            }

            if (best is not null)
            {
                module.load_state_dict(best);
                if (keptEpoch != epochs.Count)
                    _channel.Info(MessageSensitivity.None,
                        $"Restored the weights of epoch {keptEpoch} (best validation {MetricName} " +
                        $"{Math.Abs(bestScore):F4}).");
            }
            else
            {
                keptEpoch = epochs.Count;
            }

            if (!AllFinite(module)) throw Diverged($"after epoch {epochs.Count} some weights are not finite numbers");
            RecurrentShareChoice? share = validation is not null && module.HasBagOfNgrams
                && _options.SelectRecurrentShare ? ChooseShare(module, validation, epochs.Count) : null;
            module.eval();
            return (epochs, keptEpoch, stoppedEarly, module.HasBagOfNgrams ? training : null, share);
        }
        finally
        {
            DisposeAll(best);
        }
    }

    /// <summary>
    /// Training diverged: no model is returned rather than one that scores NaN. The message says where and what to try.
    /// </summary>
    private ArithmeticException Diverged(string where) => new(
        $"Training diverged: {where}. No model was produced. Try a lower LearningRate (now {_options.LearningRate}), " +
        $"gradient clipping (GradientClippingNorm, now {(_options.GradientClippingNorm is { } c ? c : "off")}), " +
        "the Adam optimizer or the one-cycle schedule, or a tanh activation for an RNN cell.");

    private static bool AllFinite(RecurrentClassifierModule module)
    {
        using var scope = NewDisposeScope();
        using var grad = no_grad();
        return module.parameters().All(p => p.isfinite().all().item<bool>());
    }

    /// <summary>Scales the recurrent part's logits by the share that scores best on the validation rows
    /// (<see cref="RecurrentShare"/>) and reports it.</summary>
    private RecurrentShareChoice ChooseShare(RecurrentClassifierModule module, TokenSequenceStore validation, int epoch)
    {
        RecurrentShareChoice choice = RecurrentShare.Choose(module, _task, validation,
            Math.Max(_options.BatchSize, 256), _options.ValidationMetric == ValidationMetric.Accuracy,
            () => ThrowIfCanceled(epoch, -1, 0));
        if (choice.Share < 1) module.ScaleRecurrentLogits(choice.Share);
        _channel.Info(MessageSensitivity.None, string.Create(CultureInfo.InvariantCulture,
            $"Recurrent share {choice.Share:F2} (chosen on the validation rows): validation loss " +
            $"{choice.FullLoss:F4} -> {choice.ChosenLoss:F4}, accuracy {choice.FullAccuracy:F4} -> " +
            $"{choice.ChosenAccuracy:F4}."));
        return choice;
    }

    /// <summary>Higher is better: the validation accuracy, or the negated validation loss.</summary>
    private double Score((double Loss, double Accuracy) validated) =>
        _options.ValidationMetric == ValidationMetric.Accuracy ? validated.Accuracy : -validated.Loss;

    private string MetricName => _options.ValidationMetric == ValidationMetric.Accuracy ? "accuracy" : "loss";

    /// <summary>Mean loss and accuracy on <paramref name="data"/>, in eval mode without gradients.</summary>
    private (double Loss, double Accuracy) Evaluate(RecurrentClassifierModule module, TokenSequenceStore data,
        int epoch)
    {
        module.eval();
        double lossSum = 0;
        long correct = 0;
        using (no_grad())
        {
            foreach (int[] rows in LengthBucketBatcher.MakeSortedBatches(data, Math.Max(_options.BatchSize, 256),
                         module.Architecture.TokenCost))
            {
                ThrowIfCanceled(epoch, batch: -1, batches: 0);
                using var scope = NewDisposeScope();
                (Tensor batchTokens, Tensor lengths) = BatchCollator.Collate(data, rows);
                int[] labels = rows.Select(data.Label).ToArray();
                Tensor logits = module.call(batchTokens, lengths);
                lossSum += _task.Loss(logits, labels).item<float>() * rows.Length;
                correct += _task.CountCorrect(logits, labels);
            }
        }

        return (lossSum / data.Count, (double)correct / data.Count);
    }

    /// <summary>Checked before every batch; the message says where training stopped (<paramref name="batch"/>
    /// −1: while validating).</summary>
    private void ThrowIfCanceled(int epoch, int batch, int batches)
    {
        CancellationToken token = _options.CancellationToken;
        bool byToken = token.IsCancellationRequested;
        if (!byToken && !_externallyCanceled()) return;
        string how = byToken ? "RecurrentTextClassifierOptions.CancellationToken" : "MLContext.CancelExecution()";
        string where = batch < 0 ? $"while validating after epoch {epoch}"
            : $"in epoch {epoch}/{_options.NumberOfEpochs} after {batch} of {batches} batches";
        throw new OperationCanceledException($"Training was canceled through {how} {where}.", token);
    }

    private void Log(EpochRecord r)
    {
        string validation = r.ValidationLoss is { } vl
            ? $", validation loss {vl:F4}, validation accuracy {r.ValidationAccuracy:F4}" : string.Empty;
        _channel.Info(MessageSensitivity.None,
            $"Epoch {r.Epoch}/{_options.NumberOfEpochs}: loss {r.TrainingLoss:F4}, accuracy " +
            $"{r.TrainingAccuracy:F4}{validation}, lr {r.LearningRate:G3}, {r.Seconds:F1} s, {r.TokensPerSecond:F0} " +
            $"tokens/s");
    }

    private static Dictionary<string, Tensor> Snapshot(RecurrentClassifierModule module)
    {
        var copy = new Dictionary<string, Tensor>();
        foreach ((string name, Tensor value) in module.state_dict())
        {
            Tensor clone = value.detach().clone();
            clone.DetachFromDisposeScope();
            copy[name] = clone;
        }

        return copy;
    }

    private static void DisposeAll(Dictionary<string, Tensor>? tensors)
    {
        if (tensors is null) return;
        foreach (Tensor t in tensors.Values) t.Dispose();
        tensors.Clear();
    }
}
